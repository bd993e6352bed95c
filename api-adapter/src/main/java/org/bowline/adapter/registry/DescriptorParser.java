package org.bowline.adapter.registry;

import java.io.IOException;
import java.io.InputStream;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Reads one descriptor with Jackson and checks its fields. */
final class DescriptorParser {

    /** One or more path segments of URI unreserved characters: what goes after /websockets/v4/service/. */
    private static final Pattern ENDPOINT = Pattern.compile("[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*");
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private DescriptorParser() {
    }

    /** @throws DescriptorException saying what is wrong (the caller names the file) */
    static EndpointDescriptor parse(InputStream in, String source) throws DescriptorException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JsonProcessingException e) {
            throw new DescriptorException("malformed JSON: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new DescriptorException("cannot be read: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new DescriptorException("malformed JSON: the file is empty");
        }
        if (!root.isObject()) {
            throw new DescriptorException("malformed descriptor: a JSON object is expected, found " + root.getNodeType());
        }
        String handler = requiredText(root, "handler");
        String endpoint = requiredText(root, "endpoint");
        if (!ENDPOINT.matcher(endpoint).matches()) {
            throw new DescriptorException("invalid endpoint '" + endpoint
                    + "': use letters, digits, '.', '_', '~', '-', with '/' between segments");
        }
        JsonNode description = root.get("description");
        if (description != null && !description.isTextual() && !description.isNull()) {
            throw new DescriptorException("field 'description' must be a string");
        }
        return new EndpointDescriptor(handler, endpoint,
                description == null || description.isNull() ? "" : description.asText(), source);
    }

    private static String requiredText(JsonNode root, String field) throws DescriptorException {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            throw new DescriptorException("missing field '" + field + "'");
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new DescriptorException("field '" + field + "' must be a non-empty string");
        }
        return value.asText();
    }

    /** What is wrong with one descriptor. */
    static final class DescriptorException extends Exception {
        private static final long serialVersionUID = 1L;

        DescriptorException(String message) {
            super(message);
        }
    }
}
