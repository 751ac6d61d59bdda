package io.github.sitehealth.core.http;

/** One response header as received. */
public record HeaderField(String name, String value) {}
