-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpActivePatients.cs
--   (GetActivePatientTable, commit 13c335c47e7f62734b7bb75b7fb4d9557d9498fc) - standard Active Patients report.
-- Reports: patients (status Patient) with a completed procedure in the date range, one row each
--   (MySQL branch: GROUP BY patient.PatNum only).
-- Edits: rendered from the C# string for dateStart=2026-01-01 00:00:00, dateEnd=2026-06-30 00:00:00,
--   all providers, no clinic filter, BillingType IN (1,2,3) (the demo's billing types). Removed because
--   Enamel has no patplan/inssub/insplan/carrier tables: the select column carrier.CarrierName and the
--   four LEFT JOINs patplan, inssub, insplan, carrier.
SELECT patient.PatNum,patient.LName,patient.FName,patient.MiddleI,patient.Preferred,patient.BillingType,patient.PriProv,patient.SecProv,
							patient.HmPhone,patient.WkPhone,patient.WirelessPhone,patient.Address,patient.Address2,patient.City,patient.State,patient.Zip,patient.ClinicNum,provider.Abbr
				FROM procedurelog 
				INNER JOIN patient ON patient.PatNum=procedurelog.PatNum AND PatStatus=0
				LEFT JOIN provider ON provider.ProvNum=patient.PriProv 
				WHERE procedurelog.ProcStatus=2
					AND procedurelog.ProcDate BETWEEN '2026-01-01 00:00:00' AND '2026-06-30 00:00:00'AND patient.BillingType IN(1,2,3) GROUP BY patient.PatNum ORDER BY provider.Abbr,patient.LName,patient.FName
