"""A fixture of people with look-alike names, and the spellings a user
might type for each (issue 10: typos, transposed first and last names,
hyphens, diacritics, transliterations of Mohammed)."""

from __future__ import annotations

import datetime as dt

# (full name, other names, postcode); dates of birth are given by position.
PEOPLE: list[tuple[str, str, str]] = [
    ("Muhammad Ali", "", "OX1 1AA"),
    ("Mohammed Ahmed", "", "OX1 2AB"),
    ("Mohamed Hussein", "", "OX2 3CD"),
    ("Muhammad Khan", "", "OX3 4EF"),
    ("Ahmed Mohammed", "", "OX4 5GH"),
    ("John Smith", "", "OX16 1AA"),
    ("Jon Smyth", "", "OX16 2BB"),
    ("Joan Smith", "", "OX16 3CC"),
    ("Jonathan Smithson", "", "OX16 4DD"),
    ("Sarah Smith-Jones", "", "OX5 1AA"),
    ("Sara Jones", "", "OX5 2AA"),
    ("Sarah Smith", "", "OX5 3AA"),
    ("Zoë Brontë", "", "OX7 1AA"),
    ("Zoe Bront", "", "OX7 2AA"),
    ("Siobhán O'Neill", "", "OX9 1AA"),
    ("Sean O'Neil", "", "OX9 2AA"),
    ("José García", "", "OX10 1AA"),
    ("Jose Garcia-Lopez", "", "OX10 2AA"),
    ("Aisha Begum", "", "OX11 1AA"),
    ("Ayesha Begum", "", "OX11 2AA"),
    ("Yusuf Patel", "", "OX12 1AA"),
    ("Yasmin Patel", "", "OX12 2AA"),
    ("Fatima Khan", "", "OX13 1AA"),
    ("Fatma Khanum", "", "OX13 2AA"),
    ("Chloé Dubois", "", "OX14 1AA"),
    ("Chloe Dubois-Martin", "", "OX14 2AA"),
    ("Björn Andersson", "", "OX15 1AA"),
    ("Bjorn Anderton", "", "OX15 2AA"),
    ("Łukasz Nowak", "", "OX17 1AA"),
    ("Lukas Novak", "", "OX17 2AA"),
    ("Aoife Murphy", "", "OX18 1AA"),
    ("Eva Murphy", "", "OX18 2AA"),
    ("Kwame Mensah", "Kay Mensah", "OX20 1AA"),
    ("Kwabena Mensah", "", "OX20 2AA"),
    ("Priya Sharma", "", "OX25 1AA"),
    ("Priyanka Sharma", "", "OX25 2AA"),
    ("Thomas Wright", "", "OX26 1AA"),
    ("Tom Wrighton", "", "OX26 2AA"),
    ("Emily Clarke", "", "OX27 1AA"),
    ("Emilie Clark", "", "OX27 2AA"),
    ("Zebedee Quillfeather-Okonkwo", "", "OX28 1AA"),
    ("Oliver Twist", "", "OX29 1AA"),
    ("Olivia Twist", "", "OX29 2AA"),
    ("Mohammad Rahman", "Mo Rahman", "OX33 1AA"),
    ("Mehmet Yilmaz", "", "OX39 1AA"),
    ("Niamh Ní Bhriain", "Niamh O'Brien", "OX44 1AA"),
]


def born(index: int) -> dt.date:
    """A different date of birth for each person of PEOPLE."""
    return dt.date(1995 + index % 20, 1 + index % 12, 1 + index % 28)


# (what the user types, the full name of the person it must find in the top three)
VARIANTS: list[tuple[str, str, str]] = [
    # typos
    ("typo", "Jonh Smith", "John Smith"),
    ("typo", "Sarha Smith-Jones", "Sarah Smith-Jones"),
    ("typo", "Zebedee Quilfeather-Okonkwo", "Zebedee Quillfeather-Okonkwo"),
    ("typo", "Kwame Mesnah", "Kwame Mensah"),
    ("typo", "Priya Shrama", "Priya Sharma"),
    ("typo", "Bjron Andersson", "Björn Andersson"),
    ("typo", "Emly Clarke", "Emily Clarke"),
    ("typo", "Oliver Twsit", "Oliver Twist"),
    ("typo", "Mehmet Yilmax", "Mehmet Yilmaz"),
    # transposed first and last names
    ("transposed", "Smith John", "John Smith"),
    ("transposed", "Begum Aisha", "Aisha Begum"),
    ("transposed", "Patel Yusuf", "Yusuf Patel"),
    ("transposed", "Mensah Kwame", "Kwame Mensah"),
    ("transposed", "Garcia Jose", "José García"),
    ("transposed", "Okonkwo Zebedee", "Zebedee Quillfeather-Okonkwo"),
    ("transposed", "Murphy, Aoife", "Aoife Murphy"),
    # hyphens
    ("hyphen", "Sarah Smith Jones", "Sarah Smith-Jones"),
    ("hyphen", "Sarah SmithJones", "Sarah Smith-Jones"),
    ("hyphen", "Zebedee Quillfeather Okonkwo", "Zebedee Quillfeather-Okonkwo"),
    ("hyphen", "Chloe Dubois Martin", "Chloe Dubois-Martin"),
    ("hyphen", "Jose Garcia Lopez", "Jose Garcia-Lopez"),
    # diacritics, typed without them and with them
    ("diacritics", "Zoe Bronte", "Zoë Brontë"),
    ("diacritics", "Siobhan O'Neill", "Siobhán O'Neill"),
    ("diacritics", "Siobhan ONeill", "Siobhán O'Neill"),
    ("diacritics", "Jose Garcia", "José García"),
    ("diacritics", "Bjorn Andersson", "Björn Andersson"),
    ("diacritics", "Lukasz Nowak", "Łukasz Nowak"),
    ("diacritics", "Chloe Dubois", "Chloé Dubois"),
    ("diacritics", "Zoë Bront", "Zoe Bront"),
    ("diacritics", "Niamh Ni Bhriain", "Niamh Ní Bhriain"),
    # transliterations
    ("transliteration", "Mohammed Ali", "Muhammad Ali"),
    ("transliteration", "Mohamed Ali", "Muhammad Ali"),
    ("transliteration", "Muhammed Khan", "Muhammad Khan"),
    ("transliteration", "Muhammad Ahmed", "Mohammed Ahmed"),
    ("transliteration", "Mohammed Hussain", "Mohamed Hussein"),
    ("transliteration", "Muhamad Rahman", "Mohammad Rahman"),
    ("transliteration", "Ahmad Mohamed", "Ahmed Mohammed"),
    ("transliteration", "Youssef Patel", "Yusuf Patel"),
    ("transliteration", "Ayesha Begum", "Ayesha Begum"),
    ("transliteration", "Aysha Begum", "Aisha Begum"),
    # other names (aliases)
    ("alias", "Kay Mensah", "Kwame Mensah"),
    ("alias", "Mo Rahman", "Mohammad Rahman"),
    ("alias", "Niamh O'Brien", "Niamh Ní Bhriain"),
]
