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
]

BY_CODE = {template["code"]: template for template in TEMPLATES}


def load(get_model) -> None:
    """Create the templates that do not exist yet; never overwrite an operator's edits."""
    model = get_model("notifications", "MessageTemplate")
    for template in TEMPLATES:
        model.objects.get_or_create(code=template["code"], defaults={k: v for k, v in template.items() if k != "code"})
