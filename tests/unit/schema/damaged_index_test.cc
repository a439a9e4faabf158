#include "vigil/damaged_index.h"

#include <gtest/gtest.h>
#include <xapian.h>

namespace vigil {
namespace {

TEST(IsDamage, ReadFailuresAndCorruptBlocksAreDamageWriteFailuresAreNot) {
  EXPECT_TRUE(is_damage(Xapian::DatabaseCorruptError("dir_end invalid in block 4")));
  EXPECT_TRUE(is_damage(Xapian::DatabaseError("EOF reading block 4")));
  EXPECT_TRUE(is_damage(Xapian::DatabaseError("Error reading block 9", EIO)));
  // A full disk or a file size limit while committing (UpdateTest.ADiskFull...).
  EXPECT_FALSE(is_damage(Xapian::DatabaseError("Error writing block 3", EFBIG)));
  EXPECT_FALSE(is_damage(Xapian::DatabaseError("Error writing block 3", ENOSPC)));
  EXPECT_FALSE(is_damage(Xapian::DatabaseError("Error calling fsync", EIO)));
  EXPECT_FALSE(
      is_damage(Xapian::DatabaseModifiedError("The revision being read has been discarded")));
  EXPECT_FALSE(is_damage(Xapian::DatabaseOpeningError("Couldn't detect type of database")));
  EXPECT_FALSE(is_damage(Xapian::DatabaseLockError("Unable to get write lock")));
  EXPECT_FALSE(is_damage(Xapian::NetworkError("the shard stopped answering")));
}

}  // namespace
}  // namespace vigil
