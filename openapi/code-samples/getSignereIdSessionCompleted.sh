# Sign the URL with curl and openssl (HMAC-SHA512, secondary key).
SIGNEREID_BASE_URL="${SIGNEREID_BASE_URL:-https://testapi.signere.no}"
REQUEST_ID="${REQUEST_ID:-3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2}"
URL="$SIGNEREID_BASE_URL/api/SignereId/Completed/$REQUEST_ID"
TIMESTAMP="$(date -u +%Y-%m-%dT%H:%M:%S)" # UTC, no fraction, no Z
# The string to sign is the URL as sent + &Timestamp=…&Httpverb=GET; the token is uppercase hex.
TOKEN="$(printf '%s' "$URL&Timestamp=$TIMESTAMP&Httpverb=GET" \
  | openssl dgst -sha512 -hmac "$SIGNEREID_SECONDARY_KEY" | sed 's/^.*= //' | tr 'a-f' 'A-F')"
curl -sS "$URL" \
  -H "Accept: application/json" \
  -H "API-ID: $SIGNEREID_API_ID" \
  -H "API-TIMESTAMP: $TIMESTAMP" \
  -H "API-ALGORITHM: SHA512" \
  -H "API-TOKEN: $TOKEN" \
  -H "API-USINGSECONDARYTOKEN: true" \
  -H "API-RETURNERRORHEADER: true"
