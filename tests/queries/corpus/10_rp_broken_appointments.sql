-- Source: github.com/OpenDental/opendental OpenDentBusiness/Reports/RpBrokenAppointments.cs
--   (ByApptStatusQuery, commit b1deced43c2bbb5649447d26d5417d7346b4e175) - standard Broken Appointments report.
-- Reports: appointments with status Broken (5) in a date range, with doctor, hygienist and clinic.
-- Edits: rendered from the C# string builder for dateStart=2025-01-01, dateEnd=2026-12-31, clinics
--   enabled, all providers and clinics; DbHelper.DateTFormatColumn/Concat/DtimeToDate rendered as
--   Open Dental's DbHelper renders them for MySQL (DATE_FORMAT, CONCAT, DATE).
SELECT DATE_FORMAT(appointment.AptDateTime,'%m/%d/%Y %H:%i:%s') AptDateTime, CONCAT(patient.LName,', ',patient.FName) Patient,doctor.Abbr Doctor,hygienist.Abbr Hygienist, appointment.IsHygiene IsHygieneApt ,COALESCE(clinic.Description,'Unassigned') ClinicDesc FROM appointment INNER JOIN patient ON appointment.PatNum=patient.PatNum LEFT JOIN provider doctor ON doctor.ProvNum=appointment.ProvNum LEFT JOIN provider hygienist ON hygienist.ProvNum=appointment.ProvHyg LEFT JOIN clinic ON clinic.ClinicNum=appointment.ClinicNum WHERE DATE(appointment.AptDateTime) BETWEEN '2025-01-01' AND '2026-12-31' AND appointment.AptStatus=5  ORDER BY clinic.Description,appointment.AptDateTime,patient.LName,patient.FName
