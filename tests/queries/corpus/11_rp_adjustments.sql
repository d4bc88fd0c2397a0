-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpAdjSheet.cs (GetAdjTable,
--   commit 56df95bbd92be1682eacbdbd3ba032942adadbe3) - standard Daily Adjustments report.
-- Reports: adjustments in a date range with patient, provider, clinic and adjustment type.
-- Edits: rendered from the C# string builder for dateStart=2025-01-01, dateEnd=2026-12-31, clinics
--   enabled, no provider/clinic/type filters; DbHelper.Concat rendered as CONCAT.
SELECT adjustment.AdjDate,CONCAT(patient.LName,', ',patient.FName,', ',patient.MiddleI),provider.Abbr,clinic.Abbr,definition.ItemName,adjustment.AdjNote,adjustment.AdjAmt FROM adjustment INNER JOIN definition ON definition.DefNum=adjustment.AdjType INNER JOIN patient ON patient.PatNum=adjustment.PatNum LEFT JOIN provider ON provider.ProvNum=adjustment.ProvNum LEFT JOIN clinic ON clinic.ClinicNum=adjustment.ClinicNum WHERE adjustment.AdjDate >= '2025-01-01' AND adjustment.AdjDate <= '2026-12-31' ORDER BY adjustment.AdjDate
