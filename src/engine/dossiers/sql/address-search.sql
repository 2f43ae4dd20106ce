-- Addresses matching a parsed address query. $keys: the candidate streets as "street<RS>place<RS>rank"
-- joined by <US> (chr 30 and 31), best first; NULL when only a postcode was typed. Every other filter
-- is optional (NULL: no filter). By the street's rank (exact, prefix, fuzzy), then the exact house
-- number first, then by candidate and number.
WITH candidates AS (
  SELECT split_part(key, chr(30), 1) AS street, split_part(key, chr(30), 2) AS place,
         CAST(split_part(key, chr(30), 3) AS INTEGER) AS rank, pos
  FROM (SELECT unnest(keys) AS key, generate_subscripts(keys, 1) AS pos
        FROM (SELECT string_split($keys::VARCHAR, chr(31)) AS keys) WHERE $keys::VARCHAR IS NOT NULL)
),
hits AS (
  SELECT a.address_id, a.street, a.house_number, a.house_letter, a.addition, a.postcode, a.place, a.lon, a.lat, a.buurt_code, c.rank, c.pos
  FROM main.bag_addresses a LEFT JOIN candidates c ON c.street = a.street AND c.place = a.place
  WHERE ($keys::VARCHAR IS NULL OR c.pos IS NOT NULL)
    AND ($postcode::VARCHAR IS NULL OR starts_with(a.postcode, $postcode::VARCHAR))
    AND ($number::INTEGER IS NULL
         OR a.house_number = $number::INTEGER
         OR ($numberIsPrefix::BOOLEAN AND starts_with(CAST(a.house_number AS VARCHAR), CAST($number::INTEGER AS VARCHAR))))
    AND ($letter::VARCHAR IS NULL OR lower(a.house_letter) = $letter::VARCHAR)
    AND ($addition::VARCHAR IS NULL OR starts_with(lower(a.addition), $addition::VARCHAR))
)
SELECT *, count(*) OVER () AS total
FROM hits
ORDER BY rank NULLS FIRST, house_number = $number::INTEGER DESC NULLS LAST, pos, street, place, house_number,
         house_letter NULLS FIRST, addition NULLS FIRST, address_id
LIMIT $limit
