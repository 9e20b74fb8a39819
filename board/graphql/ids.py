"""Object ids as GraphQL clients send them."""

from strawberry import relay

MAX_PK = 2**63 - 1  # BigAutoField


def job_pk(id_value):
    """A job's primary key from a global ID ("Job:42" in base64) or a plain number;
    None for anything else, including numbers no primary key can hold."""
    if id_value.isdigit():
        return int(id_value) if int(id_value) <= MAX_PK else None
    try:
        global_id = relay.GlobalID.from_id(id_value)
    except Exception:
        return None
    if global_id.type_name != "Job":
        return None
    return job_pk(global_id.node_id)


def applicant_pk(id_value):
    """An application's primary key from an Applicant global ID or a plain number; None
    for anything else."""
    if id_value.isdigit():
        return int(id_value) if int(id_value) <= MAX_PK else None
    try:
        global_id = relay.GlobalID.from_id(id_value)
    except Exception:
        return None
    if global_id.type_name != "Applicant":
        return None
    return applicant_pk(global_id.node_id)
