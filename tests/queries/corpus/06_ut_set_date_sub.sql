-- Source: github.com/OpenDental/opendental UnitTests/UnitTests/UserQueriesTests.cs
--   (UserQueries_SplitQuery_CommandInFunction, commit 57613d7d8ede8124a28945ee6051acc155ec964e)
-- Reports: the two preamble variables themselves (a SET whose values are expressions, not literals).
-- Edits: none.
SET @Test=DATE_SUB(CURDATE(), INTERVAL 30 DAY);
				SET @End=CURDATE();
				SELECT @Test, @End;
