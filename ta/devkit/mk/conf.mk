# Configuration a TA build sees by default; a TA's Makefile or the make
# command line may override any of these (CFG_x=y becomes -DCFG_x=1).
# A TA Makefile may include this file itself, before ta_dev_kit.mk.
CFG_TEE_TA_LOG_LEVEL ?= 2
CFG_TA_OPTEE_CORE_API_COMPAT_1_1 ?= n
CFG_UNWIND ?= n
CFG_TA_MBEDTLS ?= n
CFG_SOFTEE ?= y
# The one TA target of this dev kit (OP-TEE names them ta_arm32/ta_arm64).
sm := ta_softee
ta-target := ta_softee
