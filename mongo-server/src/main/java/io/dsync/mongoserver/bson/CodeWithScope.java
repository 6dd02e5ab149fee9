package io.dsync.mongoserver.bson;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Objects;

/**
 * BSON JavaScript code with scope (type 0x0F, deprecated): the code and its scope document. The
 * scope is copied in and out, so a value never changes once made.
 */
public final class CodeWithScope {

    private final String code;
    private final Document scope;

    public CodeWithScope(String code, Document scope) {
        this.code = Objects.requireNonNull(code, "code");
        this.scope = scope.cloneDeeply();
    }

    public String code() {
        return code;
    }

    /** A copy of the scope. */
    public Document scope() {
        return scope.cloneDeeply();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CodeWithScope that
                && code.equals(that.code)
                && scope.equals(that.scope);
    }

    @Override
    public int hashCode() {
        return 31 * code.hashCode() + scope.hashCode();
    }

    @Override
    public String toString() {
        return "CodeWithScope(" + code + ", " + scope + ")";
    }
}
