-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpPaySheet.cs (GetPatTable,
--   commit 57613d7d8ede8124a28945ee6051acc155ec964e) - standard Daily Payments report, patient payments.
-- Reports: patient payments in a date range: payer, providers (GROUP_CONCAT DISTINCT), clinic
--   (IF(clinic.IsHidden,...)), check number, amount and payment type.
-- Edits: rendered from the C# string builder for dateFrom=2026-01-01, dateTo=2026-01-31, clinics
--   enabled with ClinicNum IN(0,1), all providers, all payment types, unearned excluded, not grouped by
--   patient; Lans.g(...,"hidden") rendered as 'hidden'; DbHelper.Concat rendered as CONCAT.
SELECT payment.PayDate DatePay,MAX(CONCAT(patient.LName,', ',patient.FName,' ',patient.MiddleI)) lfname,GROUP_CONCAT(DISTINCT provider.Abbr),IF(clinic.IsHidden,CONCAT(clinic.Abbr,'(hidden)'),clinic.Abbr) clinicAbbr,payment.CheckNum,SUM(COALESCE(paysplit.SplitAmt,0)) amt,payment.PayNum,ItemName,payment.PayType FROM payment LEFT JOIN paysplit ON payment.PayNum=paysplit.PayNum LEFT JOIN patient ON payment.PatNum=patient.PatNum LEFT JOIN provider ON paysplit.ProvNum=provider.ProvNum LEFT JOIN definition ON payment.PayType=definition.DefNum LEFT JOIN clinic ON clinic.ClinicNum=paysplit.ClinicNum WHERE payment.PayDate BETWEEN '2026-01-01' AND '2026-01-31' AND paysplit.ClinicNum IN(0,1) AND paysplit.UnearnedType=0 GROUP BY payment.PayNum,payment.PayDate,payment.CheckNum,definition.ItemName,payment.PayType ,clinic.Abbr ORDER BY payment.PayType,payment.PayDate,lfname
