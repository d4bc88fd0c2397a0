-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpAppointments.cs
--   (GetAppointmentTable, commit 13c335c47e7f62734b7bb75b7fb4d9557d9498fc) - standard Appointments report.
-- Reports: appointments in a date range with patient name (built with nested CONCAT), length from
--   the 5-minute Pattern, phones, clinic and creation time.
-- Edits: rendered from the C# string builder for sortBy=AptDateTime, dateStart=2026-03-02,
--   dateEnd=2026-03-06 (the code adds a day), Broken (5) excluded, no provider/clinic/confirmation
--   filters, no Web Sched join; Lans.g(...,"Unassigned") rendered as 'Unassigned'.
SELECT appointment.AptDateTime,
				patient.PatNum,
				TRIM(CONCAT(CONCAT(CONCAT(CONCAT(CONCAT(patient.LName,', '),CASE WHEN LENGTH(patient.Preferred) > 0 THEN CONCAT(CONCAT('(',patient.Preferred),') ') ELSE '' END),patient.FName), ' '),patient.MiddleI)) PatName,
				patient.Birthdate,
				appointment.AptDateTime,
				LENGTH(appointment.Pattern)*5 AptLength,
				appointment.ProcDescript,
				patient.HmPhone,
				patient.WkPhone,
				patient.WirelessPhone,
				COALESCE(clinic.Description,'Unassigned') ClinicDesc,
				appointment.SecDateTEntry AS 'DateTimeCreated',
				appointment.Confirmed,
				appointment.Note,
				appointment.AptNum
				FROM appointment
				INNER JOIN patient ON appointment.PatNum=patient.PatNum  LEFT JOIN clinic ON appointment.ClinicNum=clinic.ClinicNum 
				WHERE  appointment.AptStatus NOT IN (5) AND  appointment.AptDateTime BETWEEN '2026-03-02' AND '2026-03-07' ORDER BY appointment.ClinicNum,appointment.AptDateTime,PatName
