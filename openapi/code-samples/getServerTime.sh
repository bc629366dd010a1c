# Unsigned: no API-* headers at all.
SIGNEREID_BASE_URL="${SIGNEREID_BASE_URL:-https://testapi.signere.no}"
curl -sS "$SIGNEREID_BASE_URL/api/Status/ServerTime" -H "Accept: application/json"
