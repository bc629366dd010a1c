# Sign the exact body bytes with curl and openssl (HMAC-SHA512, secondary key).
SIGNEREID_BASE_URL="${SIGNEREID_BASE_URL:-https://testapi.signere.no}"
REQUEST_ID="${REQUEST_ID:-3HtyxmFpQ5zXQ5o7aBvTYpbq630jvpNlZe1TNwzSi81v2}"
BODY="{\"RequestId\":\"$REQUEST_ID\"}"
TIMESTAMP="$(date -u +%Y-%m-%dT%H:%M:%S)" # UTC, no fraction, no Z
# The string to sign is the body as sent + {Timestamp:"…",Httpverb:"PUT"}; the token is uppercase hex.
TOKEN="$(printf '%s{Timestamp:"%s",Httpverb:"PUT"}' "$BODY" "$TIMESTAMP" \
  | openssl dgst -sha512 -hmac "$SIGNEREID_SECONDARY_KEY" | sed 's/^.*= //' | tr 'a-f' 'A-F')"
curl -sS -X PUT "$SIGNEREID_BASE_URL/api/SignereId/Invalidate" \
  -H "Content-Type: application/json; charset=UTF-8" \
  -H "API-ID: $SIGNEREID_API_ID" \
  -H "API-TIMESTAMP: $TIMESTAMP" \
  -H "API-ALGORITHM: SHA512" \
  -H "API-TOKEN: $TOKEN" \
  -H "API-USINGSECONDARYTOKEN: true" \
  -H "API-RETURNERRORHEADER: true" \
  --data-raw "$BODY"
