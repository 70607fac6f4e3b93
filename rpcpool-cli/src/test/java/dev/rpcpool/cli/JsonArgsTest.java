package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonArgsTest {

    @Test
    void objectsBecomeStructsAndWholeNumbersBecomeGoInts() {
        Object v = JsonArgs.parse("{\"A\":7,\"B\":8,\"F\":1.5,\"S\":\"x\",\"L\":[1,true,null]}");
        assertThat(v).isInstanceOf(Map.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        assertThat(m.keySet()).containsExactly("A", "B", "F", "S", "L");
        assertThat(m.get("A")).isEqualTo(7L);
        assertThat(m.get("F")).isEqualTo(1.5);
        assertThat(m.get("L")).isEqualTo(java.util.Arrays.asList(1L, true, null));
    }

    @Test
    void scalarsStandAlone() {
        assertThat(JsonArgs.parse("42")).isEqualTo(42L);
        assertThat(JsonArgs.parse("\"héllo\"")).isEqualTo("héllo");
        assertThat(JsonArgs.parse("[]")).isEqualTo(List.of());
    }

    @Test
    void badJsonSaysWhereAndHowToQuote() {
        assertThatThrownBy(() -> JsonArgs.parse("{A:7}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("column");
        assertThatThrownBy(() -> JsonArgs.parse("1 2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JsonArgs.parse("123456789012345678901234567890"))
                .hasMessageContaining("does not fit");
    }
}
