-- Source: https://www.opendental.com/site/apiqueries.html ("Queries PUT ShortQuery", second example
--   request; mirrored in github.com/rbarfinezhadfeli0/open_dental docs/md/www.opendental.com/site/apiqueries.md)
-- Reports: number of patients per clinic (old-style comma join; GROUP BY the key, Description
--   selected without being grouped).
-- Edits: none.
SELECT clinic.Description, COUNT(*) AS NumberOfPatients
 FROM patient,clinic
 WHERE patient.ClinicNum=clinic.ClinicNum
 GROUP BY clinic.ClinicNum
