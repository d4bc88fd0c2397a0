-- Source: https://pastebin.com/x17K2sfM ("Patients With Completed Procedure Codes - Open Dental", by
--   pastebin user kevinrossen; header credits Divergent Dental Resources, LLC)
-- Reports: patients with given procedure codes completed in the last 12 months (SET preamble with
--   CURDATE() - INTERVAL expressions, comma-separated assignments, inline -- comments).
-- Edits: the code list ('D6010') is changed to ('D2740','D2750') - the query's own comment says to list
--   the wanted codes there, and the demo practice has no D6010. Otherwise verbatim.
-- List of patients with specific procedure code(s) completed. Provided by Divergent Dental Resources, LLC.
-- Procedure code(s) defined on line 23.
SET
@FromDate = CURDATE() - INTERVAL 12 MONTH, -- Defaults to previous 12 months. Change start date to define range.
@ToDate = CURDATE();
SELECT
CONCAT(p.LName, ', ',p.FName, ' ', p.MiddleI) As Patient,
p.Email,
pl.ProcDate,
pv.Abbr,
pc.ProcCode,
pc.AbbrDesc,
ToothNum,
pl.ProcFee
FROM patient p
INNER JOIN procedurelog pl ON p.PatNum = pl.PatNum
INNER JOIN procedurecode pc ON pl.CodeNum = pc.CodeNum
INNER JOIN provider pv ON pl.ProvNum = pv.ProvNum
WHERE
pl.ProcStatus = 2
AND pl.ProcDate >= @FromDate
AND pl.ProcDate <= @ToDate
AND pc.ProcCode IN ('D2740','D2750') -- List desired procedure codes here. Enclose each code with single quotes, separate by comma, and contained within the parentheses. Example: ('D8080','D8090')
ORDER BY
p.LName,
p.FName;
