-- Source: https://www.opendental.com/site/apiqueries.html ("Queries POST", second example request;
--   mirrored in github.com/rbarfinezhadfeli0/open_dental docs/md/www.opendental.com/site/apiqueries.md)
-- Reports: every patient born on June 22nd (LIKE on a DATE column).
-- Edits: none (the page escapes the star as "\*"; the star is the query).
 SELECT * FROM patient WHERE Birthdate LIKE '%-06-22'
