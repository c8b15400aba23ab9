package io.zdash.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.stream.Collectors;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The AES-256-GCM keyset that seals secrets at rest, loaded from outside the database. On a first
 * start with nothing sealed stored it creates the key file (owner-only permissions) and says so;
 * with sealed values stored and the key missing or wrong, start-up fails with a message instead of
 * running without 2FA. A changed key file (after rotation on another node) is picked up without restart.
 */
@Component
public class SecretKeys {

	private static final Logger log = LoggerFactory.getLogger(SecretKeys.class);

	private final CryptoProperties properties;

	private volatile Loaded current;

	private record Loaded(KeysetHandle handle, Aead aead, FileTime modified) {
	}

	public SecretKeys(CryptoProperties properties, List<SealedValues> stored) {
		this.properties = properties;
		try {
			AeadConfig.register();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Tink AEAD is not available", ex);
		}
		this.current = loadOrCreate(stored.stream().allMatch(values -> values.count() == 0),
				stored.stream().map(SealedValues::description).collect(Collectors.joining(", ")));
	}

	/** The keyset to seal with and the id of its primary key, from one loaded keyset. */
	record Primary(Aead aead, long keyId) {
	}

	Aead aead() {
		reloadIfChanged();
		return this.current.aead();
	}

	Primary primary() {
		reloadIfChanged();
		Loaded loaded = this.current;
		return new Primary(loaded.aead(), Integer.toUnsignedLong(loaded.handle().getPrimary().getId()));
	}

	public long primaryKeyId() {
		return Integer.toUnsignedLong(this.current.handle().getPrimary().getId());
	}

	/**
	 * Adds a fresh key and makes it primary, keeping the old ones so existing ciphertexts still open.
	 * Only for a key file: an environment keyset is changed where it is defined.
	 */
	synchronized void addPrimaryKey() {
		if (this.properties.keyset() != null) {
			throw new IllegalStateException("The keyset comes from zdash.crypto.keyset; rotate it where it is defined");
		}
		try {
			KeysetHandle rotated = KeysetHandle.newBuilder(this.current.handle())
				.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
					.withRandomId()
					.makePrimary())
				.build();
			write(rotated);
			this.current = load(rotated);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Could not add a key to the keyset", ex);
		}
	}

	private Loaded loadOrCreate(boolean nothingStored, String what) {
		try {
			if (this.properties.keyset() != null && !this.properties.keyset().isBlank()) {
				return load(TinkJsonProtoKeysetFormat.parseKeyset(this.properties.keyset(), InsecureSecretKeyAccess.get()));
			}
			Path file = this.properties.keysetFile();
			if (Files.exists(file)) {
				return load(TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(file), InsecureSecretKeyAccess.get()));
			}
			if (!nothingStored) {
				throw new IllegalStateException("The key file " + file.toAbsolutePath() + " is missing, but the database "
						+ "holds encrypted two-factor secrets. Restore the key file (or set ZDASH_CRYPTO_KEYSET) and start again.");
			}
			KeysetHandle fresh = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
			write(fresh);
			log.warn("Created a new key for secrets at rest ({}) at {} (owner-only permissions). Back it up and keep it "
					+ "out of database backups: without it none of them can be read.", what, file.toAbsolutePath());
			return load(fresh);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The key set is not a valid Tink keyset: " + ex.getMessage(), ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read or create the key file", ex);
		}
	}

	private Loaded load(KeysetHandle handle) throws GeneralSecurityException {
		FileTime modified = null;
		if (this.properties.keyset() == null && Files.exists(this.properties.keysetFile())) {
			try {
				modified = Files.getLastModifiedTime(this.properties.keysetFile());
			}
			catch (IOException ex) {
				modified = null;
			}
		}
		return new Loaded(handle, handle.getPrimitive(RegistryConfiguration.get(), Aead.class), modified);
	}

	private void reloadIfChanged() {
		Loaded loaded = this.current;
		if (loaded.modified() == null) {
			return;
		}
		try {
			FileTime modified = Files.getLastModifiedTime(this.properties.keysetFile());
			if (!modified.equals(loaded.modified())) {
				synchronized (this) {
					this.current = load(TinkJsonProtoKeysetFormat.parseKeyset(
							Files.readString(this.properties.keysetFile()), InsecureSecretKeyAccess.get()));
					log.info("Reloaded the key file after a change");
				}
			}
		}
		catch (IOException | GeneralSecurityException ex) {
			log.error("Could not reload the changed key file; keeping the keys already loaded", ex);
		}
	}

	/** Owner-only file, replaced atomically so that a reader never sees half a keyset. */
	private void write(KeysetHandle handle) throws GeneralSecurityException {
		Path file = this.properties.keysetFile().toAbsolutePath();
		try {
			Files.createDirectories(file.getParent());
			Path temp = Files.createTempFile(file.getParent(), ".keyset", ".tmp",
					PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
			Files.writeString(temp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()));
			Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not write the key file " + file, ex);
		}
	}

}
