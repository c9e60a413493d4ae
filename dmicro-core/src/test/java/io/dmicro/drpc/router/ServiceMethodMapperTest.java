package io.dmicro.drpc.router;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceMethodMapperTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // the original's table (reference §8.2)
        "AaBb, /aa_bb",
        "ABcXYz, /abc_xyz",
        "Aa__Bb, /aa_bb",
        "aa__bb, /aa_bb",
        "ABC__XYZ, /abc_xyz",
        "Aa_Bb, /aa/bb",
        "aa_bb, /aa/bb",
        "ABC_XYZ, /abc/xyz",
        // Java names
        "addOne, /add_one",
        "getHTTPStatus, /get_httpstatus",
        "v2Call, /v2_call",
        "Math, /math",
    })
    void httpMapperSnakeCasesNamesAsTheOriginal(String name, String route) {
        assertThat(ServiceMethodMapper.HTTP.map("", name)).isEqualTo(route);
    }

    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource({
        "AaBb, AaBb, /AaBb/aa_bb",
        "/math, addOne, /math/add_one",
        "github, Aa, /github/aa",
        "/a/, b, /a/b",
    })
    void httpMapperTakesThePrefixAsGiven(String prefix, String name, String route) {
        assertThat(ServiceMethodMapper.HTTP.map(prefix, name)).isEqualTo(route);
    }

    @ParameterizedTest(name = "({0}, {1}) -> {2}")
    @CsvSource({
        "'', AaBb, AaBb",
        "'', Aa_Bb, Aa.Bb",
        "'', Aa__Bb, Aa_Bb",
        "Math, Add, Math.Add",
        "'', _x_, x",
    })
    void rpcMapperDotsNames(String prefix, String name, String route) {
        assertThat(ServiceMethodMapper.RPC.map(prefix, name)).isEqualTo(route);
    }
}
