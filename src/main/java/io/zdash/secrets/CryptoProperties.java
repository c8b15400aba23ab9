package io.zdash.secrets;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the key that seals secrets at rest (TOTP secrets, instance tokens) lives ({@code zdash.crypto.*}): never in the database.
 * @param keyset the Tink keyset JSON itself, e.g. from the environment variable ZDASH_CRYPTO_KEYSET;
 * wins over the file
 * @param keysetFile the keyset file, created with owner-only permissions on first start
 */
@ConfigurationProperties("zdash.crypto")
public record CryptoProperties(String keyset, @DefaultValue("data/zdash-keyset.json") Path keysetFile) {
}
