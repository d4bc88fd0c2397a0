-- Source: github.com/ardavanhashemzadeh/SQL-OpenDental PatientRetention.sql (commit 4a510de), the fourth
--   query of the file ("What percentage of patients are actually coming back ?").
-- Reports: percentage of new patients seen in the last two weeks who have a future scheduled
--   appointment (SET with an INTERVAL expression; COUNT(*)/COUNT(*)*100 division).
-- Edits: only this query of the multi-query file is kept; its text is verbatim.
/* What percentage of patients are actually coming back ? */
SET @FromDate=CURDATE() - INTERVAL 2 WEEK;
SET @ToDate=CURDATE();
SELECT (
  SELECT COUNT(*)
  FROM appointment
  WHERE DATE(aptdatetime) >= @ToDate AND aptstatus=1
  AND patnum IN (
    SELECT * FROM (
      SELECT patnum FROM appointment
      WHERE IsNewPatient=1
      AND aptstatus=2
      AND DATE(aptdatetime) BETWEEN @FromDate AND @ToDate
      ) a
    )
  )
/
(
  SELECT COUNT(*) FROM (
    SELECT patnum
    FROM appointment WHERE IsNewPatient=1 AND aptstatus=2
    AND DATE(aptdatetime) BETWEEN @FromDate AND @ToDate
  ) a
) * 100
AS PercentReturning;
