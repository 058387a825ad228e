package org.ticketvendor.platform.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalObjectStorageTests {

    @TempDir
    Path root;

    @Test
    void storesReplacesReadsAndDeletesObjects() {
        LocalObjectStorage storage = new LocalObjectStorage(root);

        storage.put("events/e1/a.png", bytes("first"), "image/png");
        assertThat(storage.get("events/e1/a.png"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("first")));
        storage.put("events/e1/a.png", bytes("second"), "image/png");
        assertThat(storage.get("events/e1/a.png"))
                .hasValueSatisfying(b -> assertThat(b).isEqualTo(bytes("second")));
        assertThat(root.resolve("events/e1/a.png")).hasBinaryContent(bytes("second"));

        storage.delete("events/e1/a.png");
        assertThat(storage.get("events/e1/a.png")).isEmpty();
        storage.delete("events/e1/a.png"); // nothing there: no error
    }

    @Test
    void listsTheObjectsUnderAPrefixButNoWriteInProgress() throws IOException {
        LocalObjectStorage storage = new LocalObjectStorage(root);
        storage.put("events/e1/a.png", bytes("a"), "image/png");
        storage.put("events/e2/b.png", bytes("b"), "image/png");
        storage.put("other/c.png", bytes("c"), "image/png");
        Files.writeString(root.resolve("events/e1/.upload-123.tmp"), "half");

        assertThat(storage.list("events/"))
                .extracting(ObjectStorage.StoredObject::key)
                .containsExactlyInAnyOrder("events/e1/a.png", "events/e2/b.png");
        assertThat(storage.list("nothing/")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> storage.list("events"));
        assertThatIllegalArgumentException().isThrownBy(() -> storage.list("../"));
    }

    @Test
    void leavesNoTemporaryFilesAndNoEmptyDirectories() throws IOException {
        LocalObjectStorage storage = new LocalObjectStorage(root);
        storage.put("events/e1/a.png", bytes("a"), "image/png");
        storage.put("events/e1/b.png", bytes("b"), "image/png");
        assertThat(files()).containsExactlyInAnyOrder("events/e1/a.png", "events/e1/b.png");

        storage.delete("events/e1/a.png");
        assertThat(files()).containsExactly("events/e1/b.png");
        storage.delete("events/e1/b.png");
        try (Stream<Path> left = Files.list(root)) {
            assertThat(left).isEmpty();
        }
        assertThat(root).isDirectory();
    }

    @Test
    void missingObjectsAreEmpty() {
        assertThat(new LocalObjectStorage(root).get("events/none/x.png")).isEmpty();
        assertThat(new LocalObjectStorage(root.resolve("not-yet-created")).get("x.png"))
                .isEmpty();
    }

    @Test
    void keysCannotLeaveTheDirectory() {
        LocalObjectStorage storage = new LocalObjectStorage(root.resolve("images"));
        for (String key : List.of(
                "../outside.png",
                "events/../../outside.png",
                "/etc/passwd",
                "events//x.png",
                "events/./x.png",
                ".hidden",
                "events/x.png/",
                "events\\..\\x.png",
                "a b.png",
                "",
                "x".repeat(513))) {
            assertThatThrownBy(() -> storage.put(key, bytes("x"), "image/png"))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.get(key)).as(key).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> storage.delete(key)).as(key).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(root.resolve("outside.png")).doesNotExist();
    }

    @Test
    void aStoreThatCannotBeWrittenIsAStorageFailure() throws IOException {
        Path file = Files.writeString(root.resolve("a-file"), "not a directory");
        LocalObjectStorage storage = new LocalObjectStorage(file);

        assertThatThrownBy(() -> storage.put("events/e1/a.png", bytes("x"), "image/png"))
                .isInstanceOf(ObjectStorageException.class)
                .hasCauseInstanceOf(IOException.class)
                .hasMessageNotContaining(file.toString());
        assertThat(storage.location()).isEqualTo("directory " + file);
    }

    private List<String> files() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(p -> root.relativize(p).toString().replace('\\', '/'))
                    .toList();
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
