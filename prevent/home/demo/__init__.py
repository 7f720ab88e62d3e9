"""The demo (manage.py load_demo, make demo): the Oxfordshire partnership, a
demo user for every role (partnership.py) and casework at every stage,
seeded through the services (casework.py). It lives in home, not core,
because seeding casework uses every domain's services. Never for real data."""
