"""The default message templates, loaded by a data migration (and restored if a test flushed them).

Kept as plain data so the migration, the service and the docs read the same texts. Every template lists
its placeholders: the code that sends it supplies a value for each (``recipient_name`` is filled in by
``notify`` for every recipient). Operators may change the texts in the admin, not the placeholders.
"""

from __future__ import annotations

SIGNATURE_TH = "ฝ่ายเลขานุการโครงการเมืองอัจฉริยะประเทศไทย\nสำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า)"
SIGNATURE_EN = "Secretariat, Smart City Thailand\nDigital Economy Promotion Agency (depa)"
AUTOMATED_TH = "ข้อความนี้ส่งจากระบบโดยอัตโนมัติ โปรดอย่าตอบกลับ"
AUTOMATED_EN = "This message was sent automatically; please do not reply to it."


def _th(*paragraphs: str, closing: str = "จึงเรียนมาเพื่อโปรดทราบ") -> str:
    return "\n\n".join(["เรียน {recipient_name}", *paragraphs, closing, SIGNATURE_TH, AUTOMATED_TH])


def _en(*paragraphs: str) -> str:
    return "\n\n".join(["Dear {recipient_name},", *paragraphs, "Yours sincerely,", SIGNATURE_EN, AUTOMATED_EN])


TEMPLATES: list[dict] = [
    {
        "code": "proposal_submitted",
        "description": "To the proponent's members when a proposal is submitted.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "url"],
        "requires_release": False,
        "subject_th": "ได้รับข้อเสนอโครงการ “{proposal_title}” แล้ว",
        "subject_en": "Proposal received: “{proposal_title}”",
        "body_th": _th(
            "สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า) ในฐานะฝ่ายเลขานุการคณะกรรมการขับเคลื่อนการพัฒนาเมืองอัจฉริยะ "
            "ได้รับข้อเสนอโครงการ “{proposal_title}” ของ {organization} เรียบร้อยแล้ว ฝ่ายเลขานุการจะตรวจสอบคุณสมบัติ"
            "และความครบถ้วนของข้อเสนอ และจะแจ้งผลให้ทราบต่อไป",
            "ท่านสามารถติดตามสถานะของข้อเสนอได้ที่ {url}",
        ),
        "body_en": _en(
            "The Digital Economy Promotion Agency (depa), as secretariat of the National Smart City Committee, "
            "has received the proposal “{proposal_title}” from {organization}. The secretariat will check the "
            "eligibility and completeness of the proposal and will inform you of the result.",
            "You can follow the status of the proposal at {url}",
        ),
    },
    {
        "code": "proposal_returned",
        "description": "To the proponent's members when the secretariat returns a proposal for completion.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "comments", "url"],
        "requires_release": False,
        "subject_th": "ขอให้แก้ไขข้อเสนอโครงการ “{proposal_title}”",
        "subject_en": "Proposal returned for revision: “{proposal_title}”",
        "body_th": _th(
            "ฝ่ายเลขานุการได้ตรวจสอบข้อเสนอโครงการ “{proposal_title}” ของ {organization} แล้ว "
            "และขอส่งข้อเสนอกลับเพื่อให้แก้ไขหรือเพิ่มเติมตามความเห็นดังต่อไปนี้",
            "{comments}",
            "เมื่อแก้ไขเรียบร้อยแล้ว ขอให้ยื่นข้อเสนออีกครั้งผ่านระบบที่ {url}",
            closing="จึงเรียนมาเพื่อโปรดดำเนินการ",
        ),
        "body_en": _en(
            "The secretariat has reviewed the proposal “{proposal_title}” from {organization} and returns it "
            "to you for revision or completion, with the following comments:",
            "{comments}",
            "Once it is revised, please submit the proposal again at {url}",
        ),
    },
    {
        "code": "assignment_created",
        "description": "To a working-group member assigned to evaluate a proposal.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "deadline", "comments", "url"],
        "requires_release": False,
        "subject_th": "มอบหมายให้ประเมินข้อเสนอโครงการ “{proposal_title}”",
        "subject_en": "Evaluation assignment: “{proposal_title}”",
        "body_th": _th(
            "ฝ่ายเลขานุการขอเรียนให้ทราบว่า ท่านได้รับมอบหมายให้ประเมินข้อเสนอโครงการ “{proposal_title}” ของ {organization}",
            "รายละเอียด: {comments}\nกำหนดส่งผลการประเมิน: {deadline}",
            "หากท่านมีส่วนได้เสียกับผู้เสนอโครงการ โปรดแจ้งฝ่ายเลขานุการโดยเร็ว มิฉะนั้นขอให้บันทึกผลการประเมินได้ที่ {url}",
            closing="จึงเรียนมาเพื่อโปรดพิจารณาดำเนินการ",
        ),
        "body_en": _en(
            "You have been assigned to evaluate the proposal “{proposal_title}” from {organization}.",
            "Details: {comments}\nEvaluation due: {deadline}",
            "If you have a conflict of interest with the proponent, please tell the secretariat at once; "
            "otherwise, please record your evaluation at {url}",
        ),
    },
    {
        "code": "revision_requested",
        "description": "To the proponent's members when a proposal is approved in principle and must be revised.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "deadline", "comments", "url"],
        "requires_release": False,
        "subject_th": "ข้อเสนอโครงการ “{proposal_title}” ได้รับความเห็นชอบในหลักการ โปรดปรับปรุงภายใน {deadline}",
        "subject_en": "“{proposal_title}” approved in principle: please revise it by {deadline}",
        "body_th": _th(
            "คณะทำงานประเมินแผนการเป็นเมืองอัจฉริยะได้พิจารณาข้อเสนอโครงการ “{proposal_title}” ของ {organization} "
            "แล้ว และเห็นชอบในหลักการ โดยขอให้ปรับปรุงข้อเสนอตามความเห็นดังต่อไปนี้",
            "{comments}",
            "ขอให้ยื่นข้อเสนอฉบับปรับปรุงผ่านระบบที่ {url} ภายในวันที่ {deadline}",
            closing="จึงเรียนมาเพื่อโปรดดำเนินการ",
        ),
        "body_en": _en(
            "The evaluation working groups have considered the proposal “{proposal_title}” from {organization} "
            "and approve it in principle. Please revise the proposal according to the following comments:",
            "{comments}",
            "Please submit the revised proposal at {url} by {deadline}.",
        ),
    },
    {
        "code": "decision_letter",
        "description": "To the proponent's members with the subcommittee's decision. Waits for release.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "decision", "meeting", "comments", "url"],
        "requires_release": True,
        "subject_th": "แจ้งผลการพิจารณาข้อเสนอโครงการ “{proposal_title}”",
        "subject_en": "Decision on the proposal “{proposal_title}”",
        "body_th": _th(
            "ตามที่ {organization} ได้ยื่นข้อเสนอโครงการ “{proposal_title}” เพื่อขอรับการพิจารณาเป็นเมืองอัจฉริยะ นั้น",
            "คณะอนุกรรมการขับเคลื่อนและบริหารโครงการเมืองอัจฉริยะ ในการประชุม {meeting} ได้พิจารณาข้อเสนอดังกล่าวแล้ว มีมติ: {decision}",
            "{comments}",
            "รายละเอียดเพิ่มเติมดูได้ที่ {url}",
        ),
        "body_en": _en(
            "We refer to the proposal “{proposal_title}” submitted by {organization} for consideration "
            "as a smart city.",
            "The Smart City Steering and Management Subcommittee considered the proposal at its meeting "
            "{meeting} and resolved: {decision}",
            "{comments}",
            "Further details are available at {url}",
        ),
    },
    {
        "code": "deadline_reminder",
        "description": "To whoever has a task on a proposal that falls due soon.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "deadline", "comments", "url"],
        "requires_release": False,
        "subject_th": "แจ้งเตือน: ครบกำหนดวันที่ {deadline} — “{proposal_title}”",
        "subject_en": "Reminder: due on {deadline} — “{proposal_title}”",
        "body_th": _th(
            "ขอเรียนเตือนว่า งานต่อไปนี้เกี่ยวกับข้อเสนอโครงการ “{proposal_title}” ของ {organization} จะครบกำหนดในวันที่ {deadline}",
            "{comments}",
            "ท่านสามารถดำเนินการได้ที่ {url} หากท่านดำเนินการเรียบร้อยแล้ว ขอขอบคุณมา ณ โอกาสนี้",
            closing="จึงเรียนมาเพื่อโปรดดำเนินการ",
        ),
        "body_en": _en(
            "This is a reminder that the following task on the proposal “{proposal_title}” from {organization} "
            "falls due on {deadline}:",
            "{comments}",
            "You can complete it at {url}. If you have already done so, thank you, and please disregard this reminder.",
        ),
    },
    {
        "code": "certificate_issued",
        "description": "To the city's members when the committee's acknowledgement (or a promotion-zone "
        "designation) issues its certificate.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "certificate_number", "url"],
        "requires_release": False,
        "subject_th": "ออกใบรับรองเลขที่ {certificate_number} — “{proposal_title}”",
        "subject_en": "Certificate {certificate_number} issued — “{proposal_title}”",
        "body_th": _th(
            "ขอแสดงความยินดี สำนักงานส่งเสริมเศรษฐกิจดิจิทัล (ดีป้า) ได้ออกใบรับรองเลขที่ {certificate_number} "
            "ให้แก่ “{proposal_title}” ของ {organization} แล้ว",
            "ท่านสามารถดาวน์โหลดใบรับรอง ตราสัญลักษณ์ของแต่ละด้าน และป้ายสำหรับเว็บไซต์ได้ที่ {url}",
        ),
        "body_en": _en(
            "Congratulations: the Digital Economy Promotion Agency (depa) has issued certificate "
            "{certificate_number} to “{proposal_title}” of {organization}.",
            "You can download the certificate, the logo of each certified domain and a badge for your website at {url}",
        ),
    },
    {
        "code": "certificate_expiry_reminder",
        "description": "To the city's members 90 and 30 days before its certificate expires.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "certificate_number", "deadline", "url"],
        "requires_release": False,
        "subject_th": "ใบรับรองเลขที่ {certificate_number} จะหมดอายุในวันที่ {deadline}",
        "subject_en": "Certificate {certificate_number} expires on {deadline}",
        "body_th": _th(
            "ใบรับรองเลขที่ {certificate_number} ของ “{proposal_title}” ({organization}) จะหมดอายุในวันที่ {deadline}",
            "หากประสงค์จะต่ออายุ โปรดรายงานความก้าวหน้าของแผน (ร้อยละที่ดำเนินการได้ของแต่ละเป้าหมายและบริการ "
            "พร้อมหลักฐาน) ได้ที่ {url} การต่ออายุต้องมีความก้าวหน้าไม่น้อยกว่าเกณฑ์ที่กำหนด",
            closing="จึงเรียนมาเพื่อโปรดดำเนินการ",
        ),
        "body_en": _en(
            "Certificate {certificate_number} of “{proposal_title}” ({organization}) expires on {deadline}.",
            "To renew it, report the progress of the plan (the percent achieved of each goal and service, with "
            "evidence) at {url}. Renewal needs progress at or above the program's threshold.",
        ),
    },
    {
        "code": "certificate_renewal_decided",
        "description": "To the city's members when the secretariat renews a certificate or refuses the renewal.",
        "placeholders": ["recipient_name", "proposal_title", "organization", "certificate_number", "comments", "url"],
        "requires_release": False,
        "subject_th": "ผลการพิจารณาต่ออายุใบรับรองเลขที่ {certificate_number}",
        "subject_en": "Decision on the renewal of certificate {certificate_number}",
        "body_th": _th(
            "ฝ่ายเลขานุการได้พิจารณาคำขอต่ออายุใบรับรองเลขที่ {certificate_number} ของ “{proposal_title}” "
            "({organization}) แล้ว ผลการพิจารณา:",
            "{comments}",
            "รายละเอียดและวันหมดอายุปัจจุบันดูได้ที่ {url}",
        ),
        "body_en": _en(
            "The secretariat has decided on the renewal of certificate {certificate_number} of “{proposal_title}” "
            "({organization}):",
            "{comments}",
            "The details and the current expiry date are at {url}",
        ),
    },
    {
        "code": "certificate_state_changed",
        "description": "To the city's members when the secretariat suspends, reinstates or revokes its certificate.",
        "placeholders": [
            "recipient_name",
            "proposal_title",
            "organization",
            "certificate_number",
            "status",
            "reason",
            "url",
        ],
        "requires_release": False,
        "subject_th": "ใบรับรองเลขที่ {certificate_number}: {status}",
        "subject_en": "Certificate {certificate_number}: {status}",
        "body_th": _th(
            "สถานะของใบรับรองเลขที่ {certificate_number} ของ “{proposal_title}” ({organization}) เปลี่ยนเป็น “{status}”",
            "เหตุผล: {reason}",
            "สถานะนี้แสดงในหน้าตรวจสอบใบรับรองและทะเบียนสาธารณะแล้ว รายละเอียดดูได้ที่ {url}",
        ),
        "body_en": _en(
            "The status of certificate {certificate_number} of “{proposal_title}” ({organization}) is now “{status}”.",
            "Reason: {reason}",
            "The verification page and the public registry show it already. Details are at {url}",
        ),
    },
    {
        "code": "endorsement_decided",
        "description": "To the company's members when the secretariat approves or rejects a BOI endorsement request.",
        "placeholders": ["recipient_name", "project_title", "company", "certificate_number", "comments", "url"],
        "requires_release": False,
        "subject_th": "ผลการพิจารณาคำขอหนังสือรับรองเพื่อยื่นบีโอไอ — “{project_title}”",
        "subject_en": "Decision on your BOI endorsement request — “{project_title}”",
        "body_th": _th(
            "ฝ่ายเลขานุการได้พิจารณาคำขอหนังสือรับรองเพื่อประกอบการยื่นขอรับการส่งเสริมการลงทุน (บีโอไอ) "
            "ของ {company} สำหรับโครงการ “{project_title}” ในเมืองที่ได้รับใบรับรองเลขที่ {certificate_number} แล้ว "
            "ผลการพิจารณา:",
            "{comments}",
            "รายละเอียดและหนังสือรับรอง (กรณีอนุมัติ) ดูได้ที่ {url}",
        ),
        "body_en": _en(
            "The secretariat has decided on the BOI endorsement request of {company} for the project "
            "“{project_title}” in the city holding certificate {certificate_number}:",
            "{comments}",
            "The details and, if approved, the endorsement letter are at {url}",
        ),
    },
]

BY_CODE = {template["code"]: template for template in TEMPLATES}


def load(get_model) -> None:
    """Create the templates that do not exist yet; never overwrite an operator's edits."""
    model = get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        model.objects.get_or_create(code=template["code"], defaults={k: v for k, v in template.items() if k != "code"})
