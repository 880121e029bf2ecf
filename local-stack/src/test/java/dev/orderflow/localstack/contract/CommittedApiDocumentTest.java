package dev.orderflow.localstack.contract;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommittedApiDocumentTest {

    @Test
    void comparesDocumentsWithSortedKeysAndWithoutTheServersOfTheRun() {
        String served = """
                {"paths":{"/b":{},"/a":{"get":{"summary":"x"}}},"servers":[{"url":"http://localhost:41234"}],"openapi":"3.1.0"}""";

        assertThat(CommittedApiDocument.canonical(served)).isEqualTo("""
                {
                  "openapi" : "3.1.0",
                  "paths" : {
                    "/a" : {
                      "get" : {
                        "summary" : "x"
                      }
                    },
                    "/b" : { }
                  }
                }
                """);
    }

    @Test
    void keepsTheOrderOfArraysBecauseItCarriesMeaning() {
        assertThat(CommittedApiDocument.canonical("{\"required\":[\"b\",\"a\"]}"))
                .contains("\"b\", \"a\"");
    }
}
