# unit tests: add TEST_UNIT_PROGS
