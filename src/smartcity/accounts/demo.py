"""Demo people and organisations: one account per role, the three pilot cities, a city development company.

Everything here is fictitious (names, emails, juristic IDs) but shaped like the real thing.
"""

from __future__ import annotations

from dataclasses import dataclass

from smartcity.core.identifiers import juristic_check_digit

DEMO_PASSWORD = "smartcity-demo"
DEMO_EMAIL_DOMAIN = "smartcity.example"


def juristic_id(first12: str) -> str:
    return first12 + str(juristic_check_digit(first12))


ORGANIZATIONS = [
    {
        "key": "khonkaen",
        "name_th": "เทศบาลนครขอนแก่น",
        "name_en": "Khon Kaen City Municipality",
        "kind": "city_municipality",
        "province_code": "40",
        "district_code": "4001",
    },
    {
        "key": "phuket",
        "name_th": "เทศบาลนครภูเก็ต",
        "name_en": "Phuket City Municipality",
        "kind": "city_municipality",
        "province_code": "83",
        "district_code": "8301",
    },
    {
        "key": "chiangmai",
        "name_th": "เทศบาลนครเชียงใหม่",
        "name_en": "Chiang Mai City Municipality",
        "kind": "city_municipality",
        "province_code": "50",
        "district_code": "5001",
    },
    {
        "key": "kktt",
        "name_th": "บริษัท ขอนแก่นพัฒนาเมือง จำกัด",
        "name_en": "Khon Kaen Think Tank Co., Ltd.",
        "kind": "city_development_company",
        "province_code": "40",
        "district_code": "4001",
        "juristic_id": juristic_id("040555900012"),
    },
]


@dataclass(frozen=True)
class DemoPerson:
    email: str
    full_name: str
    role_label: str
    program_role: str = ""
    domain: str = ""
    chair: bool = False
    organization: str = ""
    membership: str = ""
    is_staff: bool = False
    is_superuser: bool = False


def _email(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


WG_NAMES = [
    ("environment", "ดร.สุนทร ใจดี", "ผศ.ดร.พรทิพย์ รักษ์ป่า"),
    ("mobility", "ดร.ธนากร วิ่งไว", "รศ.ดร.กนกวรรณ ขนส่งดี"),
    ("living", "นพ.วิชัย สุขภาพดี", "ดร.อรุณี อยู่สบาย"),
    ("people", "ผศ.ดร.สมศักดิ์ ปัญญาดี", "ดร.มาลี ใฝ่เรียน"),
    ("energy", "ดร.ประเสริฐ พลังงาน", "ดร.จันทร์เพ็ญ แสงสว่าง"),
    ("economy", "ดร.วีระ ค้าขายดี", "รศ.ดร.ศิริพร มั่งมี"),
    ("governance", "ดร.ชัยวัฒน์ ธรรมาภิบาล", "ดร.นภา โปร่งใส"),
]


def people() -> list[DemoPerson]:
    result = [
        DemoPerson(
            _email("admin"),
            "ผู้ดูแลระบบ แพลตฟอร์ม",
            "Platform admin",
            "platform_admin",
            is_staff=True,
            is_superuser=True,
        ),
        DemoPerson(_email("secretariat"), "กมลวรรณ ศรีสุข", "Secretariat (depa)", "secretariat", is_staff=True),
        DemoPerson(_email("subcommittee.chair"), "ศ.ดร.ปิยะ นำทาง", "Subcommittee chair", "subcommittee", chair=True),
        DemoPerson(_email("subcommittee"), "ดร.รัตนา วางแผน", "Subcommittee member", "subcommittee"),
        DemoPerson(_email("committee"), "นายอนันต์ มั่นคง", "Committee member", "committee"),
        DemoPerson(_email("boi"), "นางสาวปวีณา ลงทุนดี", "BOI officer", "boi_officer"),
    ]
    for domain, first, second in WG_NAMES:
        result.append(
            DemoPerson(
                _email(f"wg.{domain}.1"),
                first,
                f"Working group {domain} (chair)",
                "working_group",
                domain=domain,
                chair=True,
            )
        )
        result.append(
            DemoPerson(_email(f"wg.{domain}.2"), second, f"Working group {domain}", "working_group", domain=domain)
        )
    result += [
        DemoPerson(
            _email("khonkaen"),
            "นายสมชาย ขอนแก่นดี",
            "Applicant: Khon Kaen (admin)",
            organization="khonkaen",
            membership="admin",
        ),
        DemoPerson(
            _email("khonkaen.editor"),
            "นางสาวสุดา แก่นเมือง",
            "Applicant: Khon Kaen (editor)",
            organization="khonkaen",
            membership="editor",
        ),
        DemoPerson(
            _email("phuket"),
            "นายธีระ อันดามัน",
            "Applicant: Phuket (admin)",
            organization="phuket",
            membership="admin",
        ),
        DemoPerson(
            _email("chiangmai"),
            "นางพิมพ์ใจ ล้านนา",
            "Applicant: Chiang Mai (admin)",
            organization="chiangmai",
            membership="admin",
        ),
        DemoPerson(
            _email("kktt"),
            "นายวิทยา พัฒนาเมือง",
            "City development company (admin)",
            organization="kktt",
            membership="admin",
        ),
    ]
    return result
