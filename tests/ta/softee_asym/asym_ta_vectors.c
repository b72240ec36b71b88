// SPDX-License-Identifier: BSD-2-Clause
/*
 * Known-answer vectors, as hex, from the standards named beside them.
 * Facts copied from the public test vector files; the digests of long
 * messages are given in place of the messages (SHA of the vector's Msg).
 * tests/ta/softee_asym/asym_ta_vectors.h lists them.
 */
#include "asym_ta_vectors.h"

/* RSASSA-PKCS1-v1_5, RSA Laboratories pkcs1v15sign-vectors.txt, Example 1 key (e = 65537) and Signature Example 1.1 (SHA-1) */
const char v_pkcs1_n[] =
	"a56e4a0e701017589a5187dc7ea841d156f2ec0e36ad52a44dfeb1e61f7ad991"
	"d8c51056ffedb162b4c0f283a12a88a394dff526ab7291cbb307ceabfce0b1df"
	"d5cd9508096d5b2b8b6df5d671ef6377c0921cb23c270a70e2598e6ff89d19f1"
	"05acc2d3f0cb35f29280e1386b6f64c4ef22e1e1f20d0ce8cffb2249bd9a2137";
const char v_pkcs1_d[] =
	"33a5042a90b27d4f5451ca9bbbd0b44771a101af884340aef9885f2a4bbe92e8"
	"94a724ac3c568c8f97853ad07c0266c8c6a3ca0929f1e8f11231884429fc4d9a"
	"e55fee896a10ce707c3ed7e734e44727a39574501a532683109c2abacaba283c"
	"31b4bd2f53c3ee37e352cee34f9e503bd80c0622ad79c6dcee883547c6a3b325";
const char v_pkcs1_p[] =
	"e7e8942720a877517273a356053ea2a1bc0c94aa72d55c6e86296b2dfc967948"
	"c0a72cbccca7eacb35706e09a1df55a1535bd9b3cc34160b3b6dcd3eda8e6443";
const char v_pkcs1_q[] =
	"b69dca1cf7d4d7ec81e75b90fcca874abcde123fd2700180aa90479b6e48de8d"
	"67ed24f9f19d85ba275874f542cd20dc723e6963364a1f9425452b269a6799fd";
const char v_pkcs1_dp[] =
	"28fa13938655be1f8a159cbaca5a72ea190c30089e19cd274a556f36c4f6e19f"
	"554b34c077790427bbdd8dd3ede2448328f385d81b30e8e43b2fffa027861979";
const char v_pkcs1_dq[] =
	"1a8b38f398fa712049898d7fb79ee0a77668791299cdfa09efc0e507acb21ed7"
	"4301ef5bfd48be455eaeb6e1678255827580a8e4e8e14151d1510a82a3f2e729";
const char v_pkcs1_qinv[] =
	"27156aba4126d24a81f3a528cbfb27f56886f840a9f6e86e17a44b94fe931958"
	"4b8e22fdde1e5a2e3bd8aa5ba8d8584194eb2190acf832b847f13a3d24a79f4d";
/* SHA-1 of the Example 1.1 message */
const char v_pkcs1_digest[] =
	"cd8b6538cb8e8de566b68bd067569dbf1ee2718e";
const char v_pkcs1_sig[] =
	"6bc3a06656842930a247e30d5864b4d819236ba7c68965862ad7dbc4e24af28e"
	"86bb531f03358be5fb74777c6086f850caef893f0d6fcc2d0c91ec013693b4ea"
	"00b80cd49aac4ecb5f8911afe539ada4a8f3823d1d13e472d1490547c659c761"
	"7f3d24087ddb6f2b72096167fc097cab18e9a458fcb634cdce8ee35894c484d7";
/* RSASSA-PSS, PKCS #1 v2.1 pss-int.txt: 1024-bit key (e = 65537), SHA-1, MGF1-SHA-1, 20-byte salt */
const char v_pss_n[] =
	"a2ba40ee07e3b2bd2f02ce227f36a195024486e49c19cb41bbbdfbba98b22b0e"
	"577c2eeaffa20d883a76e65e394c69d4b3c05a1e8fadda27edb2a42bc000fe88"
	"8b9b32c22d15add0cd76b3e7936e19955b220dd17d4ea904b1ec102b2e4de775"
	"1222aa99151024c7cb41cc5ea21d00eeb41f7c800834d2c6e06bce3bce7ea9a5";
const char v_pss_mhash[] =
	"37b66ae0445843353d47ecb0b4fd14c110e62d6a";
const char v_pss_sig[] =
	"8daa627d3de7595d63056c7ec659e54406f10610128baae821c8b2a0f3936d54"
	"dc3bdce46689f6b7951bb18e840542769718d5715d210d85efbb596192032c42"
	"be4c29972c856275eb6d5a45f05f51876fc6743deddd28caec9bb30ea99e02c3"
	"488269604fe497f74ccd7c7fca1671897123cbd30def5d54a2b5536ad90a747e";
/* RSAES-OAEP, PKCS #1 v2.1 oaep-vect.txt, Example 1 key (e = 65537) and Encryption Example 1.1 (SHA-1) */
const char v_oaep_n[] =
	"a8b3b284af8eb50b387034a860f146c4919f318763cd6c5598c8ae4811a1e0ab"
	"c4c7e0b082d693a5e7fced675cf4668512772c0cbc64a742c6c630f533c8cc72"
	"f62ae833c40bf25842e984bb78bdbf97c0107d55bdb662f5c4e0fab9845cb514"
	"8ef7392dd3aaff93ae1e6b667bb3d4247616d4f5ba10d4cfd226de88d39f16fb";
const char v_oaep_d[] =
	"53339cfdb79fc8466a655c7316aca85c55fd8f6dd898fdaf119517ef4f52e8fd"
	"8e258df93fee180fa0e4ab29693cd83b152a553d4ac4d1812b8b9fa5af0e7f55"
	"fe7304df41570926f3311f15c4d65a732c483116ee3d3d2d0af3549ad9bf7cbf"
	"b78ad884f84d5beb04724dc7369b31def37d0cf539e9cfcdd3de653729ead5d1";
const char v_oaep_msg[] =
	"6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34";
const char v_oaep_ct[] =
	"354fe67b4a126d5d35fe36c777791a3f7ba13def484e2d3908aff722fad468fb"
	"21696de95d0be911c2d3174f8afcc201035f7b6d8e69402de5451618c21a535f"
	"a9d7bfc5b8dd9fc243f8cf927db31322d6e881eaa91a996170e657a05a266426"
	"d98c88003f8477c1227094a0d9fa1e8c4024309ce1ecccb5210035d47ac72e8a";
/* ECDSA, NIST CAVP FIPS 186 SigVer.rsp */
/* SigVer [P-256,SHA-256], Result = P: SHA-256 of Msg */
const char v_p256_ok_digest[] =
	"d1b8ef21eb4182ee270638061063a3f3c16c114e33937f69fb232cc833965a94";
const char v_p256_ok_qx[] =
	"e424dc61d4bb3cb7ef4344a7f8957a0c5134e16f7a67c074f82e6e12f49abf3c";
const char v_p256_ok_qy[] =
	"970eed7aa2bc48651545949de1dddaf0127e5965ac85d1243d6f60e7dfaee927";
const char v_p256_ok_r[] =
	"bf96b99aa49c705c910be33142017c642ff540c76349b9dab72f981fd9347f4f";
const char v_p256_ok_s[] =
	"17c55095819089c2e03b9cd415abdf12444e323075d98f31920b9e0f57ec871c";
/* SigVer [P-256,SHA-256], Result = F (3 - S changed) */
const char v_p256_bad_digest[] =
	"a82c31412f537135d1c418bd7136fb5fde9426e70c70e7c2fb11f02f30fdeae2";
const char v_p256_bad_qx[] =
	"87f8f2b218f49845f6f10eec3877136269f5c1a54736dbdf69f89940cad41555";
const char v_p256_bad_qy[] =
	"e15f369036f49842fac7a86c8a2b0557609776814448b8f5e84aa9f4395205e9";
const char v_p256_bad_r[] =
	"d19ff48b324915576416097d2544f7cbdf8768b1454ad20e0baac50e211f23b0";
const char v_p256_bad_s[] =
	"a3e81e59311cdfff2d4784949f7a2cb50ba6c3a91fa54710568e61aca3e847c6";
/* SigVer [P-384,SHA-384], Result = P: SHA-384 of Msg */
const char v_p384_ok_digest[] =
	"709d1bf45b5817f5a67b859651eb47133ebed2622fda09ab66d3467b5e95da50"
	"ecc2c74d8f4d289feebec29729a4bfa3";
const char v_p384_ok_qx[] =
	"a370cdbef95d1df5bf68ec487122514a107db87df3f8852068fd4694abcadb9b"
	"14302c72491a76a64442fc07bd99f02c";
const char v_p384_ok_qy[] =
	"d397c25dc1a5781573d039f2520cf329bf65120fdbe964b6b80101160e533d55"
	"70e62125b9f3276c49244b8d0f3e44ec";
const char v_p384_ok_r[] =
	"c6c7bb516cc3f37a304328d136b2f44bb89d3dac78f1f5bcd36b412a8b4d879f"
	"6cdb75175292c696b58bfa9c91fe6391";
const char v_p384_ok_s[] =
	"6b711425e1b14f7224cd4b96717a84d65a60ec9951a30152ea1dd3b6ea66a008"
	"8d1fd3e9a1ef069804b7d969148c37a0";
/* SigVer [P-384,SHA-1], Result = F (3 - S changed) */
const char v_p384_bad_digest[] =
	"dd0f9c326fb50593fd0a0df31abeeb00a22eb956";
const char v_p384_bad_qx[] =
	"b3aeff27b65540c6da10a88008404b1d49239c87fbf47932518fb87a9bb13240"
	"3d1f310f531d086340bb4a68c3e64b9b";
const char v_p384_bad_qy[] =
	"567e75f442fcd81017b8adc4cce634f5ffa3cd497d38221d34dc1f43aef99133"
	"131ff1b197f7b9f37beecae5c438849a";
const char v_p384_bad_r[] =
	"3b94a2514eb915b71e18c867ad7f508a35375c5bcd4b797b86054798569870b2"
	"477e2ac14406628017d829400efc63b2";
const char v_p384_bad_s[] =
	"179a10441a0beea3b375248e697e0d19e24bb68184c373fe4302839b97dd7353"
	"a5a25929c2733796b0c0d8211bd67c51";
/* ECDSA, RFC 6979 A.2.5 (P-256), SHA-256, message "sample" */
const char v_rfc6979_x[] =
	"c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721";
const char v_rfc6979_ux[] =
	"60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6";
const char v_rfc6979_uy[] =
	"7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299";
/* SHA-256 of "sample" */
const char v_rfc6979_digest[] =
	"af2bdbe1aa9b6ec1e2ade1d694f41fc71a831d0268e9891562113d8a62add1bf";
const char v_rfc6979_r[] =
	"efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716";
const char v_rfc6979_s[] =
	"f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8";
/* ECDH, NIST CAVS 14.1 ECC CDH Primitive [P-256] COUNT = 0 */
const char v_cdh_qcavs_x[] =
	"700c48f77f56584c5cc632ca65640db91b6bacce3a4df6b42ce7cc838833d287";
const char v_cdh_qcavs_y[] =
	"db71e509e3fd9b060ddb20ba5c51dcc5948d46fbf640dfe0441782cab85fa4ac";
const char v_cdh_d[] =
	"7d7dc5f71eb29ddaf80d6214632eeae03d9058af1fb6d22ed80badb62bc1a534";
const char v_cdh_qiut_x[] =
	"ead218590119e8876b29146ff89ca61770c4edbbf97d38ce385ed281d8a6b230";
const char v_cdh_qiut_y[] =
	"28af61281fd35e2fa7002523acc85a429cb06ee6648325389f59edfce1405141";
const char v_cdh_z[] =
	"46fc62106420ff012e54a434fbdd2d25ccc5852060561e68040dd7778997bd7b";
/* X25519, RFC 7748 section 6.1 */
const char v_x25519_a_priv[] =
	"77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
const char v_x25519_a_pub[] =
	"8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a";
const char v_x25519_b_priv[] =
	"5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
const char v_x25519_b_pub[] =
	"de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f";
const char v_x25519_k[] =
	"4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
/* Ed25519, RFC 8032 section 7.1, TEST 1, TEST 2, TEST 3 */
const char v_ed1_sk[] =
	"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
const char v_ed1_pk[] =
	"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const char v_ed1_msg[] =
	"";
const char v_ed1_sig[] =
	"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
	"5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";
const char v_ed2_sk[] =
	"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
const char v_ed2_pk[] =
	"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const char v_ed2_msg[] =
	"72";
const char v_ed2_sig[] =
	"92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
	"085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00";
const char v_ed3_sk[] =
	"c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7";
const char v_ed3_pk[] =
	"fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025";
const char v_ed3_msg[] =
	"af82";
const char v_ed3_sig[] =
	"6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
	"18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a";
/* Diffie-Hellman, RFC 5114 section 2.1 (1024-bit MODP group, 160-bit q) and appendix A.1 */
const char v_dh_p[] =
	"b10b8f96a080e01dde92de5eae5d54ec52c99fbcfb06a3c69a6a9dca52d23b61"
	"6073e28675a23d189838ef1e2ee652c013ecb4aea906112324975c3cd49b83bf"
	"accbdd7d90c4bd7098488e9c219a73724effd6fae5644738faa31a4ff55bccc0"
	"a151af5f0dc8b4bd45bf37df365c1a65e68cfda76d4da708df1fb2bc2e4a4371";
const char v_dh_g[] =
	"a4d1cbd5c3fd34126765a442efb99905f8104dd258ac507fd6406cff14266d31"
	"266fea1e5c41564b777e690f5504f213160217b4b01b886a5e91547f9e2749f4"
	"d7fbd7d3b9a92ee1909d0d2263f80a76a6a24c087a091f531dbf0a0169b6a28a"
	"d662a4d18e73afa32d779d5918d08bc8858f4dcef97c2a24855e6eeb22b3b2e5";
const char v_dh_q[] =
	"f518aa8781a8df278aba4e7d64b7cb9d49462353";
const char v_dh_xa[] =
	"b9a3b3ae8fefc1a2930496507086f8455d48943e";
const char v_dh_ya[] =
	"2a853b3d92197501b9015b2deb3ed84f5e021dcc3e52f109d3273d2b7521281c"
	"babe0e76ff5727fa8acce26956ba9a1fca26f20228d8693feb10841d84a73600"
	"54ece5a7f5b7a61ad3dfb3c60d2e43106d8727da37df9cce95b478755d06bcea"
	"8f9d45965f75a5f3d1df3701165fc9e50c4279ceb07f989540ae96d5d88ed776";
const char v_dh_xb[] =
	"9392c9f9eb6a7a6a9022f7d83e7223c6835bbdda";
const char v_dh_yb[] =
	"717a6cb053371ff4a3b932941c1e5663f861a1d6ad34ae66576dfb98f6c6cbf9"
	"ddd5a56c7833f6bcfdff095582ad868e440e8d09fd769e3ceccdc3d3b1e4cfa0"
	"57776caaf9739b6a9fee8e7411f8d6dac09d6a4edb46cc2b5d5203090eae6126"
	"311e53fd2c14b574e6a3109a3da1be41bdceaa186f5ce06716a2b6a07b3c33fe";
const char v_dh_z[] =
	"5c804f454d30d9c4df85271f93528c91df6b48ab5f80b3b59caac1b28f8acba9"
	"cd3e39f3cb614525d9521d2e644c53b807b810f340062f257d7d6fbfe8d5e8f0"
	"72e9b6e9afda9413eafb2e8b0699b1fb5a0caceddeaead7e9cfbb36ae2b42083"
	"5bd83a19fb0b5e96bf8fa4d09e345525167ecd9155416f46f408ed31b63c6e6d";
