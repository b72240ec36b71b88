# The second storage test TA: softee_storage's sources, its own UUID.
global-incdirs-y += ../softee_storage/include
srcs-y += storage2_ta.c
srcs-y += storage2_tests.c
