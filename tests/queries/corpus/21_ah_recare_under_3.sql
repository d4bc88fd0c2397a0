-- Source: github.com/ardavanhashemzadeh/SQL-OpenDental RecarePatientsUnder3.sql (commit 4a510de)
-- Reports: patients aged 3 or less whose last appointment is more than 6 months ago
--   (TIMESTAMPDIFF, CONCAT with double-quoted strings, derived table grouped by patnum).
-- Edits: none.
/*  Ardavan Hashemzadeh
    September 25 2018
    List patients under 3yo
    who are due for recare
*/

SELECT patnum, patname, TIMESTAMPDIFF(YEAR,birthdate,CURDATE()) AS age, LastApt
FROM (
  SELECT a.patnum, birthdate,
  CONCAT(fname, " ", lname) AS patname,
  MAX(aptdatetime) AS LastApt
  FROM appointment a JOIN patient p ON a.patnum=p.patnum
  GROUP BY a.patnum) a
WHERE DATE(LastApt) <= DATE_SUB(now(), INTERVAL 6 MONTH)
AND TIMESTAMPDIFF(YEAR,birthdate,CURDATE()) <= 3
ORDER BY LastApt DESC;

