"""The demo data's raw material: names, phrases, markets and the product catalogue."""

from __future__ import annotations

from dataclasses import dataclass

FIRST = (
    "Aisha Omar Liam Sofia Noah Priya Lucas Mei Ethan Fatima Mateo Chloe Arjun Hannah Yusuf "
    "Elena Daniel Amara Lars Zoe Ravi Grace Karim Isla Tomás Nadia Oliver Leila Hugo Inès"
).split()
LAST = (
    "Khan Smith Patel Müller García Chen Johnson Haddad Rossi Nakamura Brown Okafor Silva "
    "Dubois Novak Schmidt Kumar Fischer Evans Mansour Larsen Walsh Costa Ahmed Jensen Reyes "
    "Murphy Weber Sato Bianchi"
).split()
BRANDS = (
    "Zahara,Blue Harbor,Northwind,Silver Oak,Red Cedar,Golden Dune,Atlas,Summit,Evergreen,"
    "Crescent,Pioneer,Lakeside,Ironwood,Bright Path,Falcon,Cobalt,Maple Leaf,Orchid,Sterling,"
    "Horizon,Oasis,Granite,Juniper,Saffron,Keystone,Meridian,Nimbus,Riverside,Tidewater,"
    "Amber Coast"
).split(",")
TRADES = (
    "Foods,Trading,Logistics,Consulting,Systems,Textiles,Builders,Labs,Media,Health,Motors,"
    "Energy,Interiors,Analytics,Retail,Pharma,Travel,Studios,Security,Farms"
).split(",")
STREETS = (
    "Market Street,Harbor Road,King Street,Park Avenue,Station Road,Lake View Drive,"
    "Mill Lane,Commerce Way,Bay Street,Garden Road"
).split(",")
TITLES = "CEO,Owner,Operations Manager,Finance Director,IT Manager,Purchasing Lead,CTO".split(",")
PROJECTS = (
    "Website Redesign,ERP Rollout,Mobile App,Data Warehouse,Office Network Upgrade,"
    "CRM Migration,E-commerce Launch,Brand Refresh,Security Audit,Cloud Migration"
).split(",")
TASKS = (
    "Gather requirements,Kick-off meeting,Design mockups,Set up staging server,"
    "Build API integration,Data migration dry run,User acceptance testing,"
    "Prepare training material,Go-live checklist,Fix reported bugs,Update documentation"
).split(",")
CHECKLIST = ("Draft", "Review with team", "Send to client", "Get sign-off", "Archive files")
CHAT = (
    "Thanks, that works for us.|Could you share an update by Friday?|I've attached the revised "
    "numbers.|Let's discuss this on our next call.|Done, please check and confirm.|We need a bit "
    "more time on our side.|Looks good to me, approved.|Can we move the deadline by a week?"
).split("|")
TICKETS = (
    "Cannot log in to the portal|Invoice shows the wrong address|Email delivery delayed|Printer "
    "not connecting to Wi-Fi|Request for additional user licences|Website loads slowly|Backup "
    "job failed overnight|VPN disconnects every hour"
).split("|")
NOTES = (
    "Prefers invoices by email before the 5th of each month.|Asked for a quote on additional "
    "licences.|Decision maker is the finance director.|Met at the trade fair; interested in "
    "managed hosting.|Payment terms agreed at 30 days.|Follow up after the next budget review."
).split("|")
DISCUSSIONS = ("Scope and timeline", "Access credentials", "Feedback on first draft", "Launch plan")
SUPPORT = (
    "Thanks for reaching out, we're looking into it.|Could you send a screenshot of the error?|"
    "We've applied a fix, please try again.|Closing this for now, just reply to reopen it."
).split("|")
CALENDAR = (
    "Call with {}|Quarterly review: {}|On-site visit: {}|Demo for {}|Team stand-up|"
    "Sales pipeline review"
).split("|")
TERMS = {
    "INV-": "Payment is due within the terms shown above. Thank you for your business.",
    "EST-": "Prices are valid until the expiry date.",
    "CN-": "This credit can be applied to open invoices or refunded.",
}
FILES = ("meeting-notes.txt", "requirements.txt", "error-log.txt", "signed-scope.txt")
CONTRACTS = {
    "Annual Support Agreement": "Support",
    "Software Maintenance Contract": "Maintenance",
    "Website Development Agreement": "Development",
    "IT Consulting Retainer": "Consulting",
}
PLANS = (
    ("Managed Hosting - Basic", "49"),
    ("Managed Hosting - Pro", "149"),
    ("Support Retainer", "500"),
    ("SaaS Licence (per seat)", "29"),
    ("Backup & Monitoring", "79"),
)
EXPENSES = {  # category: what is bought, and its price range
    "Hosting Management": (("AWS monthly bill", "Hetzner servers", "Cloudflare Pro"), 40, 900),
    "Office Supplies": (("Printer paper and toner", "Desk chairs", "Coffee supplies"), 15, 400),
    "Travel": (("Flight to client site", "Hotel for on-site workshop", "Taxi to client"), 20, 1500),
    "Software": (("Figma licence", "GitHub Team plan", "Slack subscription"), 10, 300),
    "Marketing": (("LinkedIn ads", "Google Ads campaign", "Trade fair booth"), 100, 3000),
}
# (belongs to, name, type, options): written as the service writes them, resource names
# and options as a list (stored as JSON).
FIELDS: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("customers", "Industry", "select",
     ("Retail", "Manufacturing", "Hospitality", "Healthcare", "Technology")),
    ("customers", "Employees", "number", ()),
    ("customers", "Customer Since", "date_picker", ()),
    ("invoices", "PO Number", "input", ()),
    ("invoices", "Cost Center", "select", ("Operations", "IT", "Finance")),
)  # fmt: skip
CATALOGUE = [  # group|description|unit|rate
    s.split("|")
    for s in (
        "Services|Consulting|hour|120;Services|Project management|hour|95;Services|On-site "
        "installation|day|650;Services|Training workshop|session|480;Services|Custom development|"
        "hour|140;Hardware|Business laptop 14in|unit|1149;Hardware|27in monitor|unit|289;Hardware|"
        "Wireless access point|unit|189;Hardware|Network switch 24-port|unit|420;Hardware|Barcode "
        "scanner|unit|135;Software|Office suite licence|seat|12.50;Software|Antivirus licence|seat|"
        "39;Software|Accounting software licence|seat|55;Hosting|Managed VPS|month|79;Hosting|"
        "Domain registration|year|18;Hosting|SSL certificate|year|69;Hosting|Daily backups|month|25"
    ).split(";")
]
# How many of a unit one line sells.
QTY = {"hour": (2, 40), "day": (1, 5), "session": (1, 3), "unit": (1, 12), "seat": (5, 50)}
QTY |= {"month": (1, 12), "year": (1, 3)}


@dataclass(frozen=True)
class Market:
    iso2: str
    currency: str
    taxes: tuple[str, ...]
    calling: str
    tld: str
    suffixes: tuple[str, ...]
    cities: tuple[tuple[str, str, str], ...]  # city, state, zip pattern ('#' is a digit)


def _market(spec: str) -> Market:
    iso2, cur, taxes, calling, tld, suffixes, cities = spec.split("|")
    places = tuple((c, s, z) for c, s, z in (p.split("/") for p in cities.split(";")))
    return Market(
        iso2, cur, tuple(taxes.split("+")), calling, tld, tuple(suffixes.split(",")), places
    )


MARKETS = [
    _market(s)
    for s in (
        "US|USD|Sales Tax|1|.com|LLC,Inc,Co.|New York/NY/100##;Austin/TX/787##;Seattle/WA/981##",
        "GB|GBP|VAT|44|.co.uk|Ltd,PLC|London/England/EC1A #BB;Manchester/England/M# #AE",
        "AE|AED|VAT|971|.ae|LLC,FZE,FZCO|Dubai/Dubai/;Abu Dhabi/Abu Dhabi/;Sharjah/Sharjah/",
        "DE|EUR|VAT|49|.de|GmbH,AG|Berlin/Berlin/101##;Munich/Bavaria/803##;Hamburg/Hamburg/203##",
        "FR|EUR|VAT|33|.fr|SARL,SA|Paris/Île-de-France/750##;Lyon/Auvergne-Rhône-Alpes/690##",
        "NL|EUR|VAT|31|.nl|B.V.|Amsterdam/North Holland/10## AB;Rotterdam/South Holland/30## CD",
        "IN|INR|CGST+SGST|91|.in|Pvt Ltd|Mumbai/Maharashtra/4000##;Bengaluru/Karnataka/5600##",
        "CA|CAD|Sales Tax|1|.ca|Inc,Ltd|Toronto/Ontario/M5H #A#;Vancouver/British Columbia/V6B #K#",
        "AU|AUD|Sales Tax|61|.com.au|Pty Ltd|Sydney/NSW/20##;Melbourne/VIC/30##",
    )
]
MARKET_WEIGHTS = (30, 12, 14, 8, 6, 5, 12, 7, 6)
