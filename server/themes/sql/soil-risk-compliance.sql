-- Share of inspections without violations at establishments with soil-risk activities
-- (environmental category 4 or higher), per buurt and year, percent; weighted by the number of
-- inspections when rolled up. The establishments inspected are the units of disclosure control.
SELECT e.buurt_code AS area_code, year(i.inspected_on)::VARCHAR AS period,
       round(100 * avg((i.result = 'compliant')::INT), 1) AS value,
       count(*) AS weight, count(DISTINCT i.establishment_id) AS units
FROM main.inspections i JOIN main.establishments e USING (establishment_id)
WHERE e.category >= 4
GROUP BY ALL
ORDER BY period, area_code
