import uuid


def resume_path(instance, filename):
    # Never keep the uploader's file name: it can carry personal data and
    # path tricks. The extension comes from the validated content type.
    extension = "docx" if filename.lower().endswith(".docx") else "pdf"
    return f"resumes/{uuid.uuid4().hex}.{extension}"
