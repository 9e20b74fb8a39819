"""A read replica (DATABASE_REPLICA_URL): public reads from it, everything else from the
primary. `routing` decides per query from the request's context, `health` says whether
the replica is up and close enough behind, `middleware` sets the context per request.
"""
