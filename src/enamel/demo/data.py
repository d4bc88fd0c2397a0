"""The fixed ingredients of the demo practice: names, places, codes and fees."""

from __future__ import annotations

from decimal import Decimal

LAST_NAMES = (
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez "
    "Gonzalez Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White "
    "Harris Sanchez Clark Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres "
    "Nguyen Hill Flores Green Adams Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts "
    "Gomez Phillips Evans Turner Diaz Parker Cruz Edwards Collins Reyes Stewart Morris Morales "
    "Murphy Cook Rogers Gutierrez Ortiz Morgan Cooper Peterson Bailey Reed Kelly Howard Ramos "
    "Kim Cox Ward Richardson Watson Brooks Chavez Wood James Bennett Gray Mendoza Ruiz Hughes "
    "Price Alvarez Castillo Sanders Patel Myers Long Ross Foster Jimenez Powell Jenkins Perry "
    "Russell Sullivan Bell Coleman"
).split()

MALE_NAMES = (
    "James Robert John Michael David William Richard Joseph Thomas Christopher Charles Daniel "
    "Matthew Anthony Mark Donald Steven Andrew Paul Joshua Kenneth Kevin Brian George Timothy "
    "Ronald Jason Edward Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry Justin "
    "Scott Brandon Benjamin Samuel Gregory Alexander Patrick Frank Raymond Jack Dennis Jerry "
    "Tyler Aaron Jose Adam Nathan Henry Zachary Douglas Peter Kyle Noah Ethan Jeremy Walter "
    "Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence Jordan "
    "Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy "
    "Vincent Mason Roy Ralph"
).split()

FEMALE_NAMES = (
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Karen Sarah Lisa Nancy Sandra "
    "Betty Ashley Emily Kimberly Margaret Donna Michelle Carol Amanda Melissa Deborah Stephanie "
    "Rebecca Sharon Laura Cynthia Dorothy Amy Kathleen Angela Shirley Emma Brenda Pamela Nicole "
    "Anna Samantha Katherine Christine Debra Rachel Carolyn Janet Maria Olivia Heather Helen "
    "Catherine Diane Julie Victoria Joyce Lauren Kelly Christina Ruth Joan Virginia Judith "
    "Evelyn Hannah Andrea Megan Cheryl Jacqueline Madison Teresa Abigail Sophia Martha Sara "
    "Gloria Janice Kathryn Ann Isabella Judy Charlotte Julia Grace Amber Alice Jean Denise "
    "Frances Danielle Marilyn Natalie Beverly Diana Brittany Theresa Kayla Alexis Doris Lori "
    "Tiffany Ava Mia Chloe"
).split()

STREETS = (
    "Oak Maple Cedar Pine Elm Washington Lake Hill Park Main Church Walnut Spring Ridge Sunset "
    "Highland Meadow Forest River Willow Cherry Valley Jackson Lincoln Franklin Chestnut Birch"
).split()
STREET_KINDS = ("St", "Ave", "Rd", "Dr", "Ln", "Ct", "Way", "Blvd")
CITIES = (
    ("Springfield", "OR", "974"),
    ("Eugene", "OR", "974"),
    ("Salem", "OR", "973"),
    ("Corvallis", "OR", "973"),
    ("Albany", "OR", "973"),
    ("Portland", "OR", "972"),
)

PROVIDERS = (
    # Abbr, FName, LName, Suffix, IsSecondary (hygienist)
    ("DOC1", "Ava", "Brennan", "DDS", False),
    ("DOC2", "Marcus", "Lee", "DMD", False),
    ("HYG1", "Jenna", "Cole", "RDH", True),
)

OPERATORIES = (
    # OpName, Abbrev, hygiene?
    ("Op 1", "OP1", False),
    ("Op 2", "OP2", False),
    ("Op 3", "OP3", False),
    ("Hygiene 1", "HYG1", True),
    ("Hygiene 2", "HYG2", True),
)

DEFINITIONS = {
    "BillingTypes": ("Standard Account", "Insurance Only", "Collections"),
    "PaymentTypes": ("Check", "Cash", "Credit Card", "Care Credit"),
    "ApptConfirmed": ("Not Called", "Unconfirmed", "Left Msg", "Confirmed", "Arrived"),
    "AdjTypes": ("Professional Discount", "Senior Discount", "Finance Charge"),
    "ProcCodeCats": (
        "Exams & Xrays",
        "Cleanings",
        "Fillings",
        "Crown & Bridge",
        "Endo",
        "Perio",
        "Oral Surgery",
    ),
}

# ProcCode, description, category index, fee, hygiene?
CODES = (
    ("D0120", "Periodic oral evaluation", 0, "65.00", False),
    ("D0140", "Limited oral evaluation, problem focused", 0, "85.00", False),
    ("D0150", "Comprehensive oral evaluation", 0, "110.00", False),
    ("D0210", "Intraoral complete series of radiographic images", 0, "150.00", False),
    ("D0220", "Intraoral periapical, first radiographic image", 0, "30.00", False),
    ("D0274", "Bitewings, four radiographic images", 0, "75.00", False),
    ("D0330", "Panoramic radiographic image", 0, "120.00", False),
    ("D1110", "Prophylaxis, adult", 1, "110.00", True),
    ("D1120", "Prophylaxis, child", 1, "80.00", True),
    ("D1206", "Topical application of fluoride varnish", 1, "40.00", True),
    ("D1351", "Sealant, per tooth", 1, "55.00", True),
    ("D2140", "Amalgam, one surface, primary or permanent", 2, "140.00", False),
    ("D2150", "Amalgam, two surfaces, primary or permanent", 2, "175.00", False),
    ("D2330", "Resin-based composite, one surface, anterior", 2, "160.00", False),
    ("D2391", "Resin-based composite, one surface, posterior", 2, "185.00", False),
    ("D2392", "Resin-based composite, two surfaces, posterior", 2, "230.00", False),
    ("D2740", "Crown, porcelain/ceramic", 3, "1250.00", False),
    ("D2750", "Crown, porcelain fused to high noble metal", 3, "1150.00", False),
    ("D2950", "Core buildup, including any pins when required", 3, "280.00", False),
    ("D3310", "Endodontic therapy, anterior tooth", 4, "850.00", False),
    ("D3330", "Endodontic therapy, molar tooth", 4, "1200.00", False),
    (
        "D4341",
        "Periodontal scaling and root planing, four or more teeth per quadrant",
        5,
        "260.00",
        True,
    ),
    ("D4910", "Periodontal maintenance", 5, "150.00", True),
    ("D7140", "Extraction, erupted tooth or exposed root", 6, "185.00", False),
    ("D7210", "Extraction, erupted tooth requiring removal of bone", 6, "320.00", False),
)

FEES = {code: Decimal(fee) for code, _d, _c, fee, _h in CODES}

# Restorative visits: the codes done together, whether they need a tooth, and the pattern.
TREATMENTS = (
    (("D2391",), True, "/XXXX/"),
    (("D2392",), True, "/XXXXX/"),
    (("D2150",), True, "/XXXX/"),
    (("D2330",), True, "/XXX/"),
    (("D2950", "D2740"), True, "//XXXXXXXX//"),
    (("D2750",), True, "//XXXXXX//"),
    (("D3330",), True, "/XXXXXXXXXX/"),
    (("D3310",), True, "/XXXXXXX/"),
    (("D7140",), True, "/XXX/"),
    (("D7210",), True, "/XXXXX/"),
    (("D0140", "D0220"), False, "/XX/"),
)
