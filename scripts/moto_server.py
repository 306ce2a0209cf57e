"""moto_server for the local stack (`pulumi-voiceid local start`), run with the venv's python.

With PULUMI_VOICEID_MOTO_OWN_REQUEST_IDS=1, the request id moto puts in every response comes
from `secrets` instead of moto's seeded generator. moto draws that id for every request, reads
included, so otherwise every GetObject the jobs make shifts the ids (KMS key ids, role ids, ...)
that later requests generate, and a recording could not drop reads without its replay making
other ids than the session it recorded. With this, only requests that create something draw
from the seeded generator, and the start can drop the recorded reads (cli/local/motoRecording.ts).
"""
import os
import secrets
import sys

if os.environ.get("PULUMI_VOICEID_MOTO_OWN_REQUEST_IDS") == "1":
    import moto.core.responses

    def request_id(headers=None):
        rid = secrets.token_urlsafe(39)  # 52 characters, like moto's
        if isinstance(headers, dict):
            headers["x-amzn-requestid"] = rid
        return rid

    if not hasattr(moto.core.responses, "gen_amzn_requestid_long"):
        sys.exit("moto_server.py: this moto has no moto.core.responses.gen_amzn_requestid_long; check scripts/requirements.txt")
    moto.core.responses.gen_amzn_requestid_long = request_id

from moto.server import main

sys.exit(main())
