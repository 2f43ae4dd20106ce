-- Share of inspections without violations at establishments with soil-risk activities
-- (environmental category 4 or higher), per year, percent. Years with fewer than 5 inspections are
-- left out: too few to say anything.
SELECT $gm AS area_code, $gm AS area_name, year(i.inspected_on)::VARCHAR AS period,
       round(100 * avg((i.result = 'compliant')::INT), 1) AS value, 1.0 AS coverage
FROM main.inspections i JOIN main.establishments e USING (establishment_id)
WHERE e.category >= 4
GROUP BY year(i.inspected_on) HAVING count(*) >= 5
ORDER BY period
