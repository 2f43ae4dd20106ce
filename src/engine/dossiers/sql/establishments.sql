-- Establishments matching a search, with their buurt and wijk and, near a point, their distance in
-- metres. Every filter is optional (NULL: no filter); ORDER BY is appended from an allow-list.
WITH hits AS (
  SELECT e.establishment_id, e.name, e.street, e.house_number, e.postcode, e.city, e.lat, e.lon,
         e.buurt_code, a.name AS buurt_name, a.parent AS wijk_code, e.sbi_code, e.activity, e.category,
         e.natural_person,
         CASE WHEN $lat::DOUBLE IS NULL THEN NULL ELSE meta.distance_m($lat::DOUBLE, $lon::DOUBLE, e.lat, e.lon) END AS distance_m
  FROM main.establishments e LEFT JOIN main.areas a ON a.code = e.buurt_code
  WHERE ($q::VARCHAR IS NULL
         OR contains(lower(e.name), lower($q::VARCHAR))
         OR contains(lower(e.street || ' ' || e.house_number), lower($q::VARCHAR))
         OR contains(lower(replace(e.postcode, ' ', '')), lower(replace($q::VARCHAR, ' ', '')))
         OR contains(lower(e.activity), lower($q::VARCHAR)))
    AND ($area::VARCHAR IS NULL OR e.buurt_code = $area::VARCHAR OR a.parent = $area::VARCHAR)
    AND ($sbi::VARCHAR IS NULL OR starts_with(e.sbi_code, $sbi::VARCHAR))
    AND ($category::INTEGER IS NULL OR e.category = $category::INTEGER)
    AND ($id::VARCHAR IS NULL OR e.establishment_id = $id::VARCHAR)
)
SELECT *, count(*) OVER () AS total
FROM hits
WHERE $radius::DOUBLE IS NULL OR distance_m <= $radius::DOUBLE
