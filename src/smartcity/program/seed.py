"""The program as announced on 11 March 2019 (B.E. 2562): loaded by a data migration.

Kept as plain data so the migration, the tests and the docs read the same facts.
"""

DOMAINS = [
    ("environment", "สิ่งแวดล้อมอัจฉริยะ", "Smart Environment", "#2e7d32"),
    ("mobility", "การเดินทางและขนส่งอัจฉริยะ", "Smart Mobility", "#1565c0"),
    ("living", "การดำรงชีวิตอัจฉริยะ", "Smart Living", "#ad1457"),
    ("people", "พลเมืองอัจฉริยะ", "Smart People", "#e65100"),
    ("energy", "พลังงานอัจฉริยะ", "Smart Energy", "#f9a825"),
    ("economy", "เศรษฐกิจอัจฉริยะ", "Smart Economy", "#6a1b9a"),
    ("governance", "การบริหารภาครัฐอัจฉริยะ", "Smart Governance", "#37474f"),
]

CRITERIA = [
    {
        "number": 1,
        "code": "area-goals",
        "title_th": "ต้องกำหนดพื้นที่และเป้าหมายชัดเจน",
        "title_en": "Clear area and goals",
        "description_th": "ขอบเขตพื้นที่บนแผนที่ และเป้าหมายที่วัดผลได้",
        "description_en": "A boundary on the map and measurable goals.",
        "sub_items": [
            {"th": "ผู้เสนอโครงการและประเภทเมือง", "en": "Proponent and city type"},
            {"th": "ขอบเขตพื้นที่ (รูปหลายเหลี่ยม)", "en": "Boundary (polygon)"},
            {"th": "หน่วยการปกครองที่ครอบคลุม (รหัส มท.)", "en": "Administrative units covered (DOPA codes)"},
            {"th": "จำนวนประชากร", "en": "Population"},
            {"th": "ปัญหาพื้นฐานของเมือง", "en": "Baseline problems"},
            {"th": "วิสัยทัศน์", "en": "Vision"},
            {
                "th": "เป้าหมายพร้อมตัวชี้วัด ค่าฐาน ค่าเป้าหมาย และปีเป้าหมาย",
                "en": "Goals with KPI, baseline, target and target year",
            },
        ],
    },
    {
        "number": 2,
        "code": "infrastructure",
        "title_th": "ต้องมีแนวทางพัฒนาโครงสร้างพื้นฐานเมือง",
        "title_en": "City infrastructure development plan",
        "description_th": "โครงสร้างพื้นฐานทางกายภาพและดิจิทัล พร้อมงบลงทุนและระยะเวลา",
        "description_en": "Physical and digital infrastructure with investment and timeline.",
        "sub_items": [
            {
                "th": "ประเภท (ดิจิทัล: ใยแก้วนำแสง, Wi-Fi สาธารณะ, เครือข่าย IoT, 5G, ศูนย์ข้อมูล; กายภาพ)",
                "en": "Category (digital: fibre, public Wi-Fi, IoT network, 5G, data centre; physical)",
            },
            {"th": "งบประมาณ (บาท) และแหล่งเงินทุน", "en": "Budget in baht and funding source"},
            {"th": "วันเริ่มต้น วันสิ้นสุด และสถานะ", "en": "Start, end and status"},
        ],
    },
    {
        "number": 3,
        "code": "data-platform",
        "title_th": "ต้องมีระบบจัดเก็บและบริหารข้อมูลเมืองที่ปลอดภัย",
        "title_en": "A secure city data collection and management system",
        "description_th": "แพลตฟอร์มข้อมูลเมืองที่เปิดและปลอดภัย คุ้มครองข้อมูลส่วนบุคคลตาม พ.ร.บ.คุ้มครองข้อมูลส่วนบุคคล พ.ศ. 2562",
        "description_en": "An open and secure City Data Platform, with personal data protected under the PDPA (2019).",
        "sub_items": [
            {
                "th": "ชุดข้อมูล (ชื่อ ด้าน แหล่งที่มา ความถี่ ระดับการเปิดเผย ข้อมูลส่วนบุคคล)",
                "en": "Datasets (name, domain, source, update frequency, openness level, personal data)",
            },
            {"th": "มาตรการความมั่นคงปลอดภัยและความเป็นส่วนตัว", "en": "Security and privacy measures"},
            {"th": "แผนการเปิดเผยข้อมูล", "en": "Open-data publishing plan"},
        ],
    },
    {
        "number": 4,
        "code": "services",
        "title_th": "ต้องมีบริการเมืองอัจฉริยะตามลักษณะ 7 ด้าน",
        "title_en": "Smart city services in the seven domains",
        "description_th": "บริการเมืองอัจฉริยะในด้านที่เสนอ",
        "description_en": "Smart services in the domains the proposal claims.",
        "sub_items": [
            {"th": "ด้าน ชื่อบริการ และคำอธิบาย", "en": "Domain, name and description"},
            {"th": "ผู้ได้รับประโยชน์และตัวชี้วัด", "en": "Beneficiaries and KPI"},
            {"th": "งบประมาณ ระยะเวลา และสถานะ", "en": "Budget, timeline and status"},
        ],
    },
    {
        "number": 5,
        "code": "management",
        "title_th": "ต้องมีการบริหารจัดการที่ยั่งยืน",
        "title_en": "Sustainable management",
        "description_th": "โครงสร้างการบริหาร การเงิน การดำเนินงานและบำรุงรักษา และการมีส่วนร่วมของประชาชน",
        "description_en": "Governance, financing, operations and maintenance, citizen participation.",
        "sub_items": [
            {"th": "โครงสร้างการบริหารและหน่วยงานหลัก", "en": "Governance structure and lead organisation"},
            {"th": "บริษัทพัฒนาเมืองและรูปแบบการเงิน", "en": "City development company and financing model"},
            {"th": "แผนการดำเนินงานและบำรุงรักษา", "en": "Operations and maintenance plan"},
            {"th": "กลไกการมีส่วนร่วมของประชาชน", "en": "Participation mechanism"},
            {"th": "ความเสี่ยง", "en": "Risks"},
        ],
    },
]

CITY_TYPES = [
    (
        "livable",
        "เมืองน่าอยู่เดิม",
        "Existing livable city",
        "การพัฒนาเมืองเดิมให้น่าอยู่ด้วยเทคโนโลยีดิจิทัล",
        "An existing city made more livable with digital technology.",
    ),
    (
        "new",
        "เมืองใหม่ทันสมัย",
        "New modern city",
        "การพัฒนาพื้นที่ใหม่เป็นเมืองทันสมัย",
        "A new area developed as a modern city.",
    ),
]

DESIGNATIONS = [
    (
        "promotion_zone",
        "เขตส่งเสริมเมืองอัจฉริยะ",
        "Smart City Promotion Zone",
        "พื้นที่ที่ผ่านการตรวจสอบคุณสมบัติและการคัดกรองเบื้องต้น",
        "An area that passed the qualification check and first screen.",
    ),
    (
        "smart_city",
        "เมืองอัจฉริยะ",
        "Smart City",
        "ได้รับตราสัญลักษณ์หลังการประเมินและการอนุมัติ",
        "Awarded the logo after evaluation and approval.",
    ),
]

CRITERIA_SET_2019 = {
    "name_th": "ประกาศ 1/2562",
    "name_en": "Announcement 1/2019",
    "version": 1,
    "effective_from": "2019-03-11",
    "min_domains": 2,
    "mandatory_domains": ["environment"],
    "max_score": 100,
    "pass_mark": "70.00",
    "criterion_weights": {"1": 20, "2": 20, "3": 20, "4": 20, "5": 20},
    "certificate_validity_months": 24,
    "renewal_threshold_percent": "50.00",
    # Platform defaults, not announced: when a city may ask for renewal, and for how long after expiry.
    "renewal_opens_days_before": 180,
    "renewal_grace_days": 90,
    "disagreement_spread": "20.00",
    "notes": "Five criteria, seven domains and the logo announced by the National Smart City Committee "
    "on 11 March 2019 (B.E. 2562).",
}


def load(get_model) -> None:
    """Create (or correct) the 2019 program data. ``get_model("program", "Domain")`` gives each model:
    the data migration passes the historical models, tests that flush the database pass the real ones."""
    Domain = get_model("program", "Domain")
    Criterion = get_model("program", "Criterion")
    CityType = get_model("program", "CityType")
    Designation = get_model("program", "Designation")
    CriteriaSet = get_model("program", "CriteriaSet")
    for order, (code, name_th, name_en, colour) in enumerate(DOMAINS, start=1):
        Domain.objects.update_or_create(
            code=code, defaults={"name_th": name_th, "name_en": name_en, "colour": colour, "order": order}
        )
    for criterion in CRITERIA:
        Criterion.objects.update_or_create(number=criterion["number"], defaults=criterion)
    for model, rows in ((CityType, CITY_TYPES), (Designation, DESIGNATIONS)):
        for code, name_th, name_en, desc_th, desc_en in rows:
            model.objects.update_or_create(
                code=code,
                defaults={"name_th": name_th, "name_en": name_en, "description_th": desc_th, "description_en": desc_en},
            )
    # An older (historical) model may lack later fields; their migrations give them the same defaults.
    known = {field.name for field in CriteriaSet._meta.get_fields()}
    data = {key: value for key, value in CRITERIA_SET_2019.items() if key in known}
    CriteriaSet.objects.update_or_create(version=data.pop("version"), defaults=data)
