-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpNewPatients.cs (GetNewPatients,
--   commit 06077c89c5799c362d172215b7d343a8544b6b72) - Open Dental's standard New Patients report.
-- Reports: patients whose first completed procedure falls in the date range, with their total
--   completed production ($HowMuch), numbered with a user variable (@pos:=@pos+1).
-- Edits: rendered from the C# interpolated string for dateFrom=2025-01-01, dateTo=2025-12-31, all
--   providers, no address columns, excludeNoProd=true; missApptProcs (CodeNums of D9986/D9987) is ''
--   because the demo practice has neither code. Removed because Enamel has no refattach/referral
--   tables: the select column CONCAT(referral.LName,IF(referral.FName='','',', '),referral.FName) refname,
--   the LEFT JOIN refattach ... and LEFT JOIN referral ... joins, and the same CONCAT(...) in GROUP BY.
SET @pos=0;
				SELECT
				    @pos:=@pos+1 patCount,
				    result.*
				FROM (
				    SELECT
				        dateFirstProc,
				        patient.LName,
				        patient.FName,
				        (SELECT
				            SUM(procedurelog.ProcFee*(procedurelog.UnitQty+procedurelog.BaseUnits))
				        FROM procedurelog
				        WHERE table1.PatNum=procedurelog.PatNum
				            AND procedurelog.ProcStatus=2
				        ) $HowMuch
				    FROM (
				        SELECT
				            PatNum,
				            (SELECT 
											MIN(pl2.ProcDate) 
										FROM procedurelog pl2 
										WHERE pl2.ProcStatus = 2 
										AND pl2.PatNum = procedurelog.PatNum 
										AND !FIND_IN_SET(pl2.CodeNum, '')
										) dateFirstProc
				        FROM procedurelog
				        WHERE ProcStatus=2
								AND procedurelog.ProcDate BETWEEN DATE('2025-01-01') AND DATE('2025-12-31')
								GROUP BY PatNum
				    ) table1
				    INNER JOIN patient
				        ON table1.PatNum=patient.PatNum
				    WHERE DATE(table1.dateFirstProc) BETWEEN DATE('2025-01-01') AND DATE('2025-12-31')
				    GROUP BY patient.LName,patient.FName,patient.PatNum
				    ORDER BY dateFirstProc,patient.LName,patient.FName
				) result
				HAVING $HowMuch > 0
