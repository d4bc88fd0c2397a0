-- Source: https://opendentalsupport.com/sql-queries/net-production-query-with-adjustments-and-writeoffs
-- Reports: gross production, adjustments, insurance write-offs and net production for a date range
--   (SET preamble as two statements, UNION ALL of aggregates, scalar subqueries, -- comments).
-- Edits: none.
SET @FromDate = '2026-01-01';
SET @ToDate = '2026-01-31';
SELECT
'Gross Production' AS Category,
SUM(ProcFee * UnitQty) AS Amount
FROM procedurelog
WHERE ProcDate BETWEEN @FromDate AND @ToDate
AND ProcStatus = 2 -- Complete
UNION ALL
SELECT
'Adjustments' AS Category,
SUM(AdjAmt) AS Amount
FROM adjustment
WHERE AdjDate BETWEEN @FromDate AND @ToDate
UNION ALL
SELECT
'Insurance Write-offs' AS Category,
SUM(WriteOff) AS Amount
FROM claimproc
WHERE DateCP BETWEEN @FromDate AND @ToDate
AND Status = 1 -- Received
UNION ALL
SELECT
'Net Production' AS Category,
(SELECT SUM(ProcFee * UnitQty) FROM procedurelog WHERE ProcDate BETWEEN @FromDate AND @ToDate AND ProcStatus = 2)
+ (SELECT SUM(AdjAmt) FROM adjustment WHERE AdjDate BETWEEN @FromDate AND @ToDate)
- (SELECT SUM(WriteOff) FROM claimproc WHERE DateCP BETWEEN @FromDate AND @ToDate AND Status = 1)
AS Amount;
