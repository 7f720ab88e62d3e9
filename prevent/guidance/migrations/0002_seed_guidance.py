"""The Oxfordshire practice guidance ("Working with individuals vulnerable to
extremism") as data, transcribed word for word where the guidance has words.

- Section 8: the six areas, each vulnerability factor as its own row and the
  key questions of each area. In the source the factors of a cell are
  separated by bullet characters; "Unmet Aspirations such as:" introduces
  three sub-items, kept as three rows that each name it.
- Sections 8 and 9: the influences (Online, Peer interaction, TV and media with
  the section 9 "How" text; Family members, Friends and Direct contact with
  extremist groups and organisations from section 8).
- The "Type of concern" categories of the Home Office's official Prevent
  statistics, plus "Not known".
- Section 10: the four levels of the Prevent pyramid.
- Guidance pages: sections 3, 4, 5, 10, 11, 12 and 13. Page bodies are plain
  text: paragraphs split by a blank line, "- " starts a list item and "## " a
  sub-heading.

Idempotent: every row is matched by its code, slug, level or (area, order),
so running the seed again updates rows rather than adding new ones.
`prevent.guidance.seed.load_guidance()` runs it outside migrations (tests
that flush the database, demo data)."""

from __future__ import annotations

from typing import Any

from django.db import migrations

AREAS: list[dict[str, Any]] = [
    {
        "code": "personal",
        "name": "Personal",
        "factors": [
            "A sense of isolation",
            "Adolescence",
            "Low self-esteem",
            "Driven by the desire for 'adventure' and excitement",
            "Unmet Aspirations such as: Perceptions of injustice",
            "Unmet Aspirations such as: Feeling of failure",
            "Unmet Aspirations such as: Rejection of civic life",
            "Experience of poverty, disadvantage or social exclusion",
            "Searching for answers to questions about identity, faith and belonging",
            "Special Educational Need – difficulties with social interaction, empathy with others, "
            "understanding the consequences of their actions and awareness of the motivations of others.",
        ],
        "questions": [
            "Has there been a significant shift in the individuals behaviour or outward appearance that "
            "suggests a new social/political or religious influence",
            "Does the individual vocally support terrorist attacks; either verbally or in their written work?",
            "Does the individual have any marks, scars or tattoos which are linked to extremist groups?",
        ],
    },
    {
        "code": "family",
        "name": "Family",
        "factors": [
            "Family tensions",
            "Conflict with family over religious beliefs, lifestyle choices or extreme political views",
            "Rejection by family",
        ],
        "questions": [
            "Has the individual come into conflict with family over religious beliefs/lifestyle/ dress choices?",
        ],
    },
    {
        "code": "religion",
        "name": "Religion",
        "factors": [
            "Recent religious conversion",
            "Identity confusion – e.g. Distance from cultural/ religious heritage and uncomfortable with "
            "their place in the society around them",
            "Rejection by faith groups",
        ],
        "questions": [
            "Has the individual witnessed or been the perpetrator/ victim of racial or religious hate crime "
            "or sectarianism",
            "Has the individual come into conflict with family over religious beliefs/ lifestyle/ dress choices?",
        ],
    },
    {
        "code": "environmental",
        "name": "Environmental",
        "factors": [
            "A traumatic or series of traumatic events – both personal or national",
            "Victim or witness to race or religious hate crime",
            "Uncensored access to extremist propaganda",
            "Influenced by world events and a sense of grievance resulting in a need to make a difference",
        ],
        "questions": [
            "Have international events in areas of conflict and civil unrest had a personal impact on the "
            "individual resulting in a noticeable change in behaviour? It is important to recognise that many "
            "people may be emotionally affected by the plight of what is happening in areas of conflict (i.e. "
            "images of children dying) it is important to differentiate them from those that sympathise with "
            "or support extremist activity",
            "Is there a pattern of regular or extended travel within the UK, with other evidence to suggest "
            "this is for purposes of extremist training or activity?",
        ],
    },
    {
        "code": "social",
        "name": "Social",
        "factors": [
            "Rejection by social group",
            "Drawn to a group or individual who can offer identity, social network and support",
            "Pressure from peers associated with extremism",
            "Disassociating from existing friendship group and becoming involved with a new and different "
            "group of friends",
            "Driven by a need to raise self-esteem and promote 'street cred'",
        ],
        "questions": [
            "Does the individual person frequent, or is there evidence to suggest that they are accessing the "
            "internet for the purpose of extremist activity? (e.g. Use of closed network groups, access to or "
            "distribution of extremist material, contact associates covertly via Skype/email etc)",
            "Does the individual support groups with links to extremist activity but not illegal/illicit e.g. "
            "propaganda distribution, fundraising and attendance at meetings?",
            "Does the individual have experience of poverty, disadvantage, discrimination or social exclusion?",
        ],
    },
    {
        "code": "criminal",
        "name": "Criminal",
        "factors": [
            "Experiences of imprisonment",
            "Poor resettlement/reintegration",
            "Previous involvement with criminal groups",
        ],
        "questions": [
            "Has the individual joined an extremist organisation?",
            "Is the individual known to have possessed or is actively seeking to possess and/ or distribute "
            "extremist literature/ other media material likely to incite racial/ religious hatred or acts of "
            "violence?",
        ],
    },
]

INFLUENCES: list[dict[str, str]] = [
    {
        "code": "online",
        "name": "Online",
        "description": (
            "The internet provides entertainment, connectivity and interaction. Individuals may need to spend "
            "a lot of time on the internet while studying as well as use social media and messaging sites such "
            "as Facebook, YouTube, Twitter, Instagram, Vine or Whatsapp. There is also evidence of recruitment "
            "taking place in online gaming chat rooms The power and scope of the internet and social media must "
            "be recognised and networks use this media to reach out to people and can communicate extremist "
            "messages."
        ),
    },
    {
        "code": "peer-interaction",
        "name": "Peer interaction",
        "description": (
            "Individuals at risk may display extrovert behaviour, children and young people start getting into "
            "trouble at school, college or on the streets and mixing with others who are already involved with "
            "anti social or criminal behaviour. However, this is not always the case. Sometimes those at risk "
            "may be encouraged, by the people they are in contact with, not to draw attention to themselves. As "
            "part of some forms of radicalisation family members, friends, parents and professionals may feel "
            "their child's/relative's behaviour seems to be improving. For example, children may become quieter "
            "and more serious about their studies; young people and adults may dress more modestly and mix with "
            "a group of people who seem to be better behaved than previous friends."
        ),
    },
    {
        "code": "tv-and-media",
        "name": "TV and media",
        "description": (
            "The media provides a view on world affairs. However, this is often a very simple version of events "
            "which are in reality very complex. Individual may not understand the situation fully or appreciate "
            "the dangers involved in the views of some groups."
        ),
    },
    {"code": "family-members", "name": "Family members", "description": ""},
    {"code": "friends", "name": "Friends", "description": ""},
    {
        "code": "direct-contact",
        "name": "Direct contact with extremist groups and organisations",
        "description": "",
    },
]

# Home Office, "Individuals referred to and supported through the Prevent
# programme": Type of concern (recent releases), plus "Not known".
CONCERN_TYPES: list[tuple[str, str]] = [
    ("islamist", "Islamist"),
    ("extreme-right-wing", "Extreme right-wing"),
    ("left-wing-anarchist-single-issue", "Left-wing, anarchist or single-issue"),
    ("conflicted", "Conflicted (more than one ideology)"),
    ("school-massacre", "School massacre"),
    ("incel", "Incel"),
    ("vulnerability-no-ideology", "Vulnerability present but no ideology or counter-terrorism risk"),
    ("no-ideology", "No ideology or counter-terrorism risk"),
    ("other", "Other"),
    ("not-known", "Not known"),
]

EMERGENCY_PARAGRAPH = (
    "Professionals should exercise professional judgement and common sense to identify whether an emergency "
    "situation applies. Examples in relation to extremism are expected to be very rare but would apply when "
    "there is information that a violent act is imminent, or where weapons or other materials may be in the "
    "possession of an individual, another member of their family or within the community. In this situation, "
    "a 999 call should be made."
)

PYRAMID: list[dict[str, Any]] = [
    {
        "level": 1,
        "title": "Universal needs",
        "description": (
            "The 'wider community' and represents how universal services work to reduce the risk of "
            "radicalisation and extremist behaviour, for example schools building \"pupils' resilience to "
            "radicalisation by promoting fundamental British values and enabling them to challenge extremist "
            'views".'
        ),
        "response": (
            "Responses could include curriculum provision, additional tutoring or mentoring, additional "
            "activities within and out of school, Living Well support and family support."
        ),
    },
    {
        "level": 2,
        "title": "Early help and intervention",
        "description": (
            "A far larger group, that constitutes all those individuals that are considered 'vulnerable' to "
            "being influenced by these messages."
        ),
        "response": (
            "Where there is a higher level of concern a multi-agency response is appropriate. Where concerns "
            "are identified in respect of potential signs of radicalisation this needs to be discussed with the "
            "SPOC and a decision should be made on the most effective cause of action, whether this be a "
            "referral to the Customer Resolution Centre or if services currently involved in the case can "
            "manage the concerns.\n\n"
            "For the referral to be accepted the review of available information must show a concern that the "
            "individual is vulnerable to radicalisation. To support this process professionals may wish to "
            "consider the Vulnerability Assessment Framework (VAF) when completing the referral (see section- "
            "Channel process).\n\n"
            "Channel: Vulnerability assessment framework https://tinyurl.com/y9jrp2a7"
        ),
    },
    {
        "level": 3,
        "title": "Moving towards extremism",
        "description": (
            "These require specialist intervention. While not committing any violent acts themselves, they may "
            "provide support to those engaged in criminal activities and act to inspire or groom others."
        ),
        "response": (
            "Where there is an identified risk/potential risk that an individual may be involved/potentially "
            "involved in supporting or following extremism, further investigation by the police will be "
            "required, prior to other assessments and interventions.\n\n"
            "Any professional who identifies such concerns, for example, as a result of observed behaviour or "
            "reports of conversations to suggest the individual supports terrorism and/or extremism, must "
            "follow the safeguarding referral process and discuss with their SPOC."
        ),
    },
    {
        "level": 4,
        "title": "Actively breaking the law",
        "description": (
            "These remain relatively few in number when considered in relation to all those who may "
            "sympathise with their beliefs and feelings."
        ),
        "response": EMERGENCY_PARAGRAPH,
    },
]

PAGES: list[dict[str, str]] = [
    {
        "slug": "definitions",
        "title": "Definitions",
        "summary": "What extremism and radicalisation mean in this guidance (section 3).",
        "body": """For the purposes of this practice guidance:

- Extremism. The Government has defined extremism in the Prevent strategy as: "vocal or active opposition to fundamental British values, including democracy, the rule of law, individual liberty and mutual respect and tolerance of different faiths and beliefs. We also include in our definition of extremism calls for the death of members of our armed forces".
- Radicalisation is a process by which a person comes to support terrorism and extremism ideologies associated with terror groups

In June 2015, Lord Justine Hayden commented that "If child explotation is about the body then radicalisation is about the mind"

Radicalisation can be both violent and nonviolent. Violent extremism is caused by a combination of interlocking factors:

- An ideology which justifies terrorism by manipulating theology as well as history and politics;
- Radicalisers and their networks which promote violent extremism through a variety of places, institutions and media;
- Individuals who are vulnerable to the messages of violent extremists;
- Communities, which are sometimes poorly equipped to challenge and resist violent extremism; and
- Grievances, some genuine and some perceived, and some of course directed very specifically against government.

There are multiple pathways that constitute the process of radicalisation, which can be independent but are usually mutually reinforcing.""",
    },
    {
        "slug": "risk-in-oxfordshire",
        "title": "The risk of radicalisation and extremism in Oxfordshire",
        "summary": "The threats Prevent deals with and why they matter locally (section 4).",
        "body": """Prevent work is intended to deal with all kinds of terrorist threats to the UK. The most significant of these international threats is currently from terrorist organisations in Libya, Syria and Iraq, from ISIS or Daesh and Al Qa'ida associated groups. But domestic terrorists associated with the extreme right and left wing groups also pose a continued threat to our safety and security.

Although it is tempting to consider Oxfordshire as being far removed from the threat of extremism and radicalisation, history has demonstrated that more rural counties are equally at risk as high density urban areas. Oxfordshire is not immune to the threats and risks posed by terrorist and extremist groups. There have been examples of right wing extremism and domestic extremism by animal rights campaigners and letter bombs in the city sent by a division of the IRA.

Communities within Oxfordshire are both urban and rural, each with their own risks and vulnerabilities, including social isolation and access to services.""",
    },
    {
        "slug": "prevent-duty",
        "title": "The Prevent duty",
        "summary": 'The duty to have "due regard to the need to prevent people from being drawn into terrorism" (section 5).',
        "body": """From the 1st July 2015 many public facing organisations providing services to children, young people and adults are subject to a duty under section 26 of the Counter-Terrorism and Security Act 2015, to have "due regard to the need to prevent people from being drawn into terrorism". This duty is known as the Prevent duty and the Government's guidance outline specifies authorities responsible for this duty. www.gov.uk/government/publications/prevent-duty-guidance

It is essential that staff within agencies and organisations that provide services to children, young people and adults are able to identify individuals who may be vulnerable to radicalisation and know what to do when they are identified.

Protecting individuals from the risk of radicalisation is an integral part of safeguarding duties, and is similar in nature to protecting children and adults from other harms (e.g. drugs, gangs, neglect, sexual exploitation), whether these come from within their family or are the product of outside influences.""",
    },
    {
        "slug": "reducing-the-risk",
        "title": "Reducing the risk of radicalisation and extremism",
        "summary": "The Prevent pyramid and the response at each level, including emergencies (section 10).",
        "body": """The Prevent Pyramid devised by Police leads explains the levels of interventions required.

## Level 4: Actively breaking the law

These remain relatively few in number when considered in relation to all those who may sympathise with their beliefs and feelings.

## Level 3: Moving towards extremism

These require specialist intervention. While not committing any violent acts themselves, they may provide support to those engaged in criminal activities and act to inspire or groom others.

Where there is an identified risk/potential risk that an individual may be involved/potentially involved in supporting or following extremism, further investigation by the police will be required, prior to other assessments and interventions.

Any professional who identifies such concerns, for example, as a result of observed behaviour or reports of conversations to suggest the individual supports terrorism and/or extremism, must follow the safeguarding referral process and discuss with their SPOC.

Professionals should exercise professional judgement and common sense to identify whether an emergency situation applies. Examples in relation to extremism are expected to be very rare but would apply when there is information that a violent act is imminent, or where weapons or other materials may be in the possession of an individual, another member of their family or within the community. In this situation, a 999 call should be made.

## Level 2: Early help and intervention

This is a far larger group, that constitutes all those individuals that are considered 'vulnerable' to being influenced by these messages. Where there is a higher level of concern a multi-agency response is appropriate. Where concerns are identified in respect of potential signs of radicalisation this needs to be discussed with the SPOC and a decision should be made on the most effective cause of action, whether this be a referral to the Customer Resolution Centre or if services currently involved in the case can manage the concerns.

For the referral to be accepted the review of available information must show a concern that the individual is vulnerable to radicalisation. To support this process professionals may wish to consider the Vulnerability Assessment Framework (VAF) when completing the referral (see section- Channel process).

Channel: Vulnerability assessment framework https://tinyurl.com/y9jrp2a7

## Level 1: Universal needs

This is the 'wider community' and represents how universal services work to reduce the risk of radicalisation and extremist behaviour, for example schools building "pupils' resilience to radicalisation by promoting fundamental British values and enabling them to challenge extremist views". Responses could include curriculum provision, additional tutoring or mentoring, additional activities within and out of school, Living Well support and family support.""",
    },
    {
        "slug": "referral-and-intervention",
        "title": "Referral and intervention process",
        "summary": "Following safeguarding procedures to refer to children's or adults' services (section 11).",
        "body": """Safeguarding individuals with care and support needs from radicalisation is no different from safeguarding them from other forms of harm. In a few cases the concerns around the individual may go beyond being vulnerable to extremism.

Where a professional has identified the need to refer an individual, the relevant safeguarding procedures should be followed to ensure that an appropriate referral is made to Children's Social Care or Health and Adult Services in an effective and timely way.

Individual organisations need to ensure that their safeguarding procedures are aligned with those for the Channel panel which supports those who are vulnerable to radicalisation.

Please refer to Appendix 2 for referral pathway for Oxfordshire.""",
    },
    {
        "slug": "channel",
        "title": "Channel process",
        "summary": "Channel in brief: the multi-agency panel that supports people at risk of radicalisation (section 12).",
        "body": """'Channel' is the name for the multi-agency process of identifying and referring a person for early intervention and support for those at risk of radicalisation. It is a key element of the Prevent strategy. The Channel process uses existing collaboration between local authorities, statutory partners (such as education and health organisations, social services and offender management services), the police and the local community to;

- Identify people at risk of being drawn into terrorism;
- Assess the nature and extent of that risk; and
- Develop the most appropriate support plan for the individuals concerned.

For further information on Channel www.gov.uk/government/publications/channel-guidance

## The Channel Panel

The Channel Panel has a standard multi-agency membership and meets on a monthly basis to collectively assess the risk and decide whether the person

- Is vulnerable to being drawn into terrorism and therefore appropriate for the Channel process,
- Should be referred to a different support mechanism; or
- Should exit the process.

For those adopted as 'Channel' the Panel will need to develop an appropriate support package based on assessment of their vulnerability of being drawn into radicalisation.

## Assessing vulnerability

Channel assesses vulnerability using a consistently applied framework the Vulnerability Assessment Framework (VAF) based on three dimensions,

- Engagement with a group, cause or ideology;
- Intent to cause harm; and
- Capability to cause harm.

The Channel Panel must compliment other safeguarding processes that may be occurring for that individual such as such as Children and Adult safeguarding meetings, Multi Agency Public Protection Arrangements (MAPPA), Multi Agency Risk Assessment Conference (MARAC).

## Support and consent

The type of activities included in a support package will depend on risk, vulnerability and local resources. A diversionary activity may be sufficient for someone who is in the early stages of radicalisation to violence, whereas a more focussed and structured one-on-one mentoring programme may be required for those who are already radicalised. Once an individual has been accepted on to Channel that individual must be made aware the intervention/action cannot take place without their consent. In the case of a child, there may be certain circumstances when a parent/guardian does not give consent for their child to be supported, particularly if some of the vulnerabilities present are in the home environment. If the child is thought to be at risk of significant harm (Children Action 1989) Children's Social Care must be involved in decisions about the child.

If consent is not given then the child will not be managed in the process and therefore may require a risk management plan.

## Leaving Channel

If the panel is satisfied that the risk has been successfully reduced or managed they should recommend that the case exits the process. A closing report should be completed by the chair, setting out the evidence for the panel's recommendation.

All cases should be reviewed at 6 and 12 months, from the point at which they exit the process, all decision and actions must be fully recorded by all agencies involved.

One of the options for support through the Channel process would be a referral to a specialist intervention provider. A list of approved providers is maintained, and funded by the Home Office.""",
    },
    {
        "slug": "training-and-resources",
        "title": "Training and resources",
        "summary": "Prevent awareness training: Channel eLearning and WRAP (section 13).",
        "body": """Organisations should make sure that staff have training that gives them the knowledge and confidence to identify individuals at risk of being drawn into radicalisation, and to challenge extremist ideas which can be used to legitimise terrorism and are shared by terrorist groups. They should know where and how to refer those vulnerable to extremism for further help. Prevent awareness training will be a key part of this.

A number of national resources are available:

## Channel eLearning

The National Counter Terrorism Policing Headquarters (NCTPHQ), in conjunction with the College of Policing, has developed a general awareness e-learning package for Channel. The package includes information on how Channel links to the Government's Counter-Terrorism Strategy (CONTEST) through the Prevent strategy, guidance on how to identify people who may be vulnerable to being drawn into terrorism, and how to refer them into the Channel process.

Case studies are included to increase understanding of Channel, which consist of identifying and referring vulnerable individuals to the process. Additionally, information is provided on how to identify appropriate support for the individual concerned. The training can be accessed at the following URL:

https://tinyurl.com/yd66q5ud

## Workshop for Raising Awareness on Prevent (WRAP)

Workshop for Raising Awareness on Prevent (WRAP). WRAP is a DVD-led interactive workshop. It is aimed at frontline staff (such as police, social services, probation, education and health staff) as well as the community. It has been built to raise awareness of Prevent in a non-alarmist way, relating support to wider safeguarding initiatives.

Attendees should leave WRAP sessions with the ability to understand what may make individuals susceptible to radicalisation, as well as the confidence and ability to raise their concern when someone may be at risk.""",
    },
]


def seed_guidance(apps: Any, schema_editor: Any) -> None:
    VulnerabilityArea = apps.get_model("guidance", "VulnerabilityArea")
    VulnerabilityFactor = apps.get_model("guidance", "VulnerabilityFactor")
    KeyQuestion = apps.get_model("guidance", "KeyQuestion")
    Influence = apps.get_model("guidance", "Influence")
    ConcernType = apps.get_model("guidance", "ConcernType")
    PyramidLevel = apps.get_model("guidance", "PyramidLevel")
    GuidancePage = apps.get_model("guidance", "GuidancePage")

    for area_order, area_data in enumerate(AREAS, start=1):
        area, _ = VulnerabilityArea.objects.update_or_create(
            code=area_data["code"], defaults={"name": area_data["name"], "order": area_order * 10}
        )
        for order, text in enumerate(area_data["factors"], start=1):
            VulnerabilityFactor.objects.update_or_create(area=area, order=order * 10, defaults={"text": text})
        for order, text in enumerate(area_data["questions"], start=1):
            KeyQuestion.objects.update_or_create(area=area, order=order * 10, defaults={"text": text})

    for order, influence in enumerate(INFLUENCES, start=1):
        Influence.objects.update_or_create(
            code=influence["code"],
            defaults={
                "name": influence["name"],
                "description": influence["description"],
                "order": order * 10,
            },
        )

    for order, (code, label) in enumerate(CONCERN_TYPES, start=1):
        ConcernType.objects.update_or_create(code=code, defaults={"label": label, "order": order * 10})

    for level in PYRAMID:
        PyramidLevel.objects.update_or_create(
            level=level["level"],
            defaults={
                "title": level["title"],
                "description": level["description"],
                "response": level["response"],
            },
        )

    for order, page in enumerate(PAGES, start=1):
        GuidancePage.objects.update_or_create(
            slug=page["slug"],
            defaults={
                "title": page["title"],
                "summary": page["summary"],
                "body": page["body"],
                "order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("guidance", "0001_guidance_entries")]

    operations = [migrations.RunPython(seed_guidance, migrations.RunPython.noop)]
