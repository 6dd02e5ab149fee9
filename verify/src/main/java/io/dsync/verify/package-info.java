/** The batch verify job: joins source and destination by (namespace, {@code _id}). */
package io.dsync.verify;
