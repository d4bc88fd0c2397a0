-- Source: github.com/ardavanhashemzadeh/SQL-OpenDental SealantsLatest.sql (commit 4a510de)
-- Reports: sealant (D1351) production, insurance collection and count per provider per day, with the
--   weekday (DAYNAME) and an average per sealant ("" used both as string values and as aliases).
-- Edits: SET values changed from '2018-01-01'/'2018-12-31'/'aa' to '2022-01-01'/'2026-12-31'/'' (demo
--   data; '' matches every provider abbreviation). Enamel has no preference table, so the column
--   "(SELECT valuestring FROM preference WHERE prefname='practicetitle') AS Location," is removed.
--   The demo practice has no claimproc rows and the query inner-joins claimproc, so 0 rows is expected.
/* Ardavan Hashemzadeh
   November 16 2018
   Sealant KPIs
*/
SET @FromDate='2022-01-01';
SET @ToDate='2026-12-31';
SET @Provider='';
SELECT Date, Name, DAYNAME(Date) AS Weekday, Production, Collection, Collection/SealantCount AS Average, SealantCount FROM (
SELECT pl.ProcDate AS "Date",
CONCAT(FName, " ", LName) AS "Name", "" AS "Weekday",
"" AS "Hrs of the day",
ROUND(SUM(ProcFee),2) AS "Production",
ROUND(SUM(InsPayAmt),2) AS "Collection",
"" AS "Average for 1 sealant",
COUNT(*) AS "SealantCount"
FROM procedurelog pl JOIN provider p USING (provnum) JOIN procedurecode pc USING (codenum) JOIN claimproc cp USING (ProcNum)
WHERE DATE(pl.ProcDate) BETWEEN @FromDate AND @ToDate AND proccode="D1351"
AND ProcStatus=2 AND p.Abbr LIKE CONCAT('%', @Provider, '%')
GROUP BY pl.ProcDate, p.ProvNum
ORDER BY LName, pl.ProcDate
) a
