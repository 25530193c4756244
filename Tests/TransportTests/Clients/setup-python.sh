#!/usr/bin/env bash
# Creates the Python environment the live tests use for third-party RAPI clients:
# python-openevse 0.6 (unmodified, from PyPI) and pyserial, in /tmp/evsesim-venv; paho-mqtt,
# PyYAML and jsonschema for the system API peer (an EVerest stand-in that validates every message
# against the AsyncAPI document's schemas), with rfc3339-validator for its date-time format check;
# ocpp (mobilityhouse, with its OCPP 1.6 JSON schemas) and websockets for the test CSMS of the OCPP face.
# schemathesis and Selenium for the control API tests.
# Idempotent: does nothing when the venv already has both. tools/test calls it; a test that
# needs the venv skips with a message when it is absent.
set -euo pipefail
venv=${EVSESIM_VENV:-/tmp/evsesim-venv}
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import openevse, serial, paho.mqtt, yaml, jsonschema, rfc3339_validator, ocpp, websockets, schemathesis, selenium' 2>/dev/null; then
    exit 0
fi
python=$(command -v python3)
if ! "$python" -m venv "$venv" 2>/dev/null; then
    # Debian's own python3 needs python3-venv for ensurepip.
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        apt-get install -y -q python3-venv >/dev/null
    fi
    rm -rf "$venv"
    "$python" -m venv "$venv"
fi
"$venv/bin/python" -m pip install -q --disable-pip-version-check python-openevse==0.6 pyserial 'paho-mqtt>=2,<3' PyYAML jsonschema rfc3339-validator 'ocpp>=2,<3' 'websockets>=13'
"$venv/bin/python" -m pip install -q --disable-pip-version-check 'schemathesis>=4.32,<5' 'selenium>=4.20,<5'
"$venv/bin/python" -c 'import openevse, serial; print("python-openevse ready in '"$venv"'")'
