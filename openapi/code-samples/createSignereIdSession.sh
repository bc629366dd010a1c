# Sign the exact body bytes with curl and openssl (HMAC-SHA512, primary key).
SIGNEREID_BASE_URL="${SIGNEREID_BASE_URL:-https://testapi.signere.no}"
BODY='{"CancelUrl":"https://rp.example/cancel?id=[1]","ErrorUrl":"https://rp.example/error?status=[0]&id=[1]","SuccessUrl":"https://rp.example/success?id=[1]&ref=[2]","ExternalReference":"order-123","IdentityProvider":"NO_BANKID_WEB"}'
TIMESTAMP="$(date -u +%Y-%m-%dT%H:%M:%S)" # UTC, no fraction, no Z
# The string to sign is the body as sent + {Timestamp:"…",Httpverb:"POST"}; the token is uppercase hex.
TOKEN="$(printf '%s{Timestamp:"%s",Httpverb:"POST"}' "$BODY" "$TIMESTAMP" \
  | openssl dgst -sha512 -hmac "$SIGNEREID_PRIMARY_KEY" | sed 's/^.*= //' | tr 'a-f' 'A-F')"
curl -sS -X POST "$SIGNEREID_BASE_URL/api/SignereId" \
  -H "Content-Type: application/json; charset=UTF-8" \
  -H "Accept: application/json" \
  -H "API-ID: $SIGNEREID_API_ID" \
  -H "API-TIMESTAMP: $TIMESTAMP" \
  -H "API-ALGORITHM: SHA512" \
  -H "API-TOKEN: $TOKEN" \
  -H "API-RETURNERRORHEADER: true" \
  --data-raw "$BODY"
