"""Loads our OMERO Slice subset and Ice's Glacier2 Slice, for the backend and the reference client.

Importing this module makes the generated modules importable: Glacier2, omero, omero.api,
omero.cmd, omero.model, omero.sys.
"""

import os

import Ice

HERE = os.path.dirname(os.path.abspath(__file__))
SLICE_DIR = os.path.join(HERE, "slice")
ICE_SLICE_DIR = "/usr/share/ice/slice"
Ice.loadSlice(
    f"-I{ICE_SLICE_DIR} -I{SLICE_DIR} --all "
    f"{SLICE_DIR}/omero/API.ice {SLICE_DIR}/omero/cmd/Admin.ice "
    f"{ICE_SLICE_DIR}/Glacier2/PermissionsVerifier.ice {ICE_SLICE_DIR}/Glacier2/Router.ice"
)
