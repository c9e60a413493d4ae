package io.dmicro.protoc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void goNamesAreProtocGenGosCamelCase() {
        assertThat(Names.goCamelCase("Add")).isEqualTo("Add");
        assertThat(Names.goCamelCase("AddOne")).isEqualTo("AddOne");
        assertThat(Names.goCamelCase("add_one")).isEqualTo("AddOne");
        assertThat(Names.goCamelCase("a1b")).isEqualTo("A1B");
        assertThat(Names.goCamelCase("HTTPServer")).isEqualTo("HTTPServer");
        assertThat(Names.goCamelCase("get_HTTP")).isEqualTo("Get_HTTP");
        assertThat(Names.goCamelCase("_hidden")).isEqualTo("XHidden");
    }

    @Test
    void javaMethodNamesAreLowerCamelAndNeverKeywords() {
        assertThat(Names.javaMethod("AddOne")).isEqualTo("addOne");
        assertThat(Names.javaMethod("add_one")).isEqualTo("addOne");
        assertThat(Names.javaMethod("New")).isEqualTo("new_");
        assertThat(Names.javaMethod("Switch")).isEqualTo("switch_");
    }

    @Test
    void serviceIdsAreKebabCase() {
        assertThat(Names.kebab("Math")).isEqualTo("math");
        assertThat(Names.kebab("OrderService")).isEqualTo("order-service");
        assertThat(Names.kebab("HTTPServer")).isEqualTo("http-server");
        assertThat(Names.kebab("V2Api")).isEqualTo("v2-api");
    }

    @Test
    void outerClassNamesFollowProtobufJava() {
        assertThat(Names.upperCamelFromFile("math.proto")).isEqualTo("Math");
        assertThat(Names.upperCamelFromFile("api/v1/math_service.proto")).isEqualTo("MathService");
        assertThat(Names.upperCamelFromFile("my-file2x.proto")).isEqualTo("MyFile2X");
    }

    @Test
    void httpStyleRoutesInJavadocMatchTheMapper() {
        assertThat(HttpStyle.route("Math", "AddOne")).isEqualTo("/math/add_one");
        assertThat(HttpStyle.route("OrderService", "Get_HTTP")).isEqualTo("/order_service/get/http");
    }
}
