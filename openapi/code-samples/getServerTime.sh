# Unsigned: no API-* headers at all.
BASE_URL="${BASE_URL:-https://testapi.signere.no}"
curl -sS "$BASE_URL/api/Status/ServerTime" -H "Accept: application/json"
