-- Source: https://www.opendental.com/site/apiqueries.html ("Queries PUT ShortQuery", first example
--   request; mirrored in github.com/rbarfinezhadfeli0/open_dental docs/md/www.opendental.com/site/apiqueries.md)
-- Reports: name, phones and email of a list of patients, by PatNum.
-- Edits: none (SqlCommand text verbatim). The demo practice's PatNums are 1..200, so none of
--   these PatNums exist there: 0 rows is the expected answer.
SELECT LName, FName, HmPhone, WkPhone, WirelessPhone, Email
 FROM patient
 WHERE PatNum IN(876,2456,3892,5713,1234,6987,4321,7542,1890,5678,9012,3456)
