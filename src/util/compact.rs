//! Compact collections for the cross-document merge, where hundreds of
//! thousands of small sets and a few very long vectors set the memory peak:
//! sorted vectors in place of B-tree sets and maps, a vector in fixed
//! blocks, a stable sort without a buffer.

/// A set as a sorted vector: iterates in the order of a `BTreeSet`, but a
/// cluster's few members cost their own size, where each `BTreeSet` or
/// `BTreeMap` allocated a node of eleven slots (about a kilobyte per
/// cluster in all, for hundreds of thousands of clusters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VecSet<T>(pub(crate) Vec<T>);

impl<T> Default for VecSet<T> {
    fn default() -> Self {
        VecSet(Vec::new())
    }
}

impl<T: Ord> VecSet<T> {
    /// Adds `x`; false if it was there.
    pub(crate) fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(pos) => {
                grow_exact(&mut self.0);
                self.0.insert(pos, x);
                true
            }
        }
    }

    pub(crate) fn contains<Q: Ord + ?Sized>(&self, x: &Q) -> bool
    where
        T: std::borrow::Borrow<Q>,
    {
        self.0.binary_search_by(|y| y.borrow().cmp(x)).is_ok()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<'a, T> IntoIterator for &'a VecSet<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// Makes room for one more element: one at a time while the vector is
/// short, as most clusters hold one or two of each (a vector's first
/// growth makes room for four, most of a cluster's memory when they are
/// mostly empty), then doubling.
pub(crate) fn grow_exact<T>(v: &mut Vec<T>) {
    if v.len() == v.capacity() {
        v.reserve_exact(if v.len() < 4 { 1 } else { v.len() });
    }
}

/// A map as a vector sorted by key (see [`VecSet`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VecMap<K, V>(Vec<(K, V)>);

impl<K, V> Default for VecMap<K, V> {
    fn default() -> Self {
        VecMap(Vec::new())
    }
}

impl<K: Ord, V> VecMap<K, V> {
    /// The value of `k`, inserted as `V::default()` when missing.
    pub(crate) fn entry(&mut self, k: K) -> &mut V
    where
        V: Default,
    {
        let pos = match self.0.binary_search_by(|(x, _)| x.cmp(&k)) {
            Ok(pos) => pos,
            Err(pos) => {
                grow_exact(&mut self.0);
                self.0.insert(pos, (k, V::default()));
                pos
            }
        };
        &mut self.0[pos].1
    }

    pub(crate) fn contains_key(&self, k: &K) -> bool {
        self.0.binary_search_by(|(x, _)| x.cmp(k)).is_ok()
    }

    /// In key order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&K, &V)> + '_ {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub(crate) fn retain(&mut self, mut keep: impl FnMut(&K, &V) -> bool) {
        self.0.retain(|(k, v)| keep(k, v));
    }
}

/// Clusters listed under 64-bit key hashes: a head per key and a link per
/// (key, cluster), in one table and one vector (a vector per key cost a
/// heap block each, for millions of keys).
/// A vector kept in blocks of a fixed size: it grows without copying
/// what it holds into a block twice the size (hundreds of thousands of
/// clusters of about 300 bytes, where the copy and the unused half were
/// each over 100 MB), and is let go block by block as it is consumed.
pub(crate) struct Chunked<T> {
    blocks: Vec<Vec<T>>,
    len: usize,
}

impl<T> Chunked<T> {
    pub(crate) const BLOCK: usize = 4096;

    pub(crate) fn new() -> Self {
        Chunked {
            blocks: Vec::new(),
            len: 0,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn push(&mut self, x: T) {
        if self.len.is_multiple_of(Self::BLOCK) {
            self.blocks.push(Vec::with_capacity(Self::BLOCK));
        }
        if let Some(b) = self.blocks.last_mut() {
            b.push(x);
            self.len += 1;
        }
    }

    pub(crate) fn get(&self, i: usize) -> Option<&T> {
        self.blocks.get(i / Self::BLOCK)?.get(i % Self::BLOCK)
    }

    pub(crate) fn get_mut(&mut self, i: usize) -> Option<&mut T> {
        self.blocks
            .get_mut(i / Self::BLOCK)?
            .get_mut(i % Self::BLOCK)
    }

    pub(crate) fn iter_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.blocks.iter_mut().flatten()
    }

    /// In order, each block freed once its last element is taken.
    pub(crate) fn into_items(self) -> impl Iterator<Item = T> {
        self.blocks.into_iter().flatten()
    }
}

/// A stable sort that moves the elements in place: the order is found on
/// 4-byte indices, then applied by swaps. `sort_by` takes a buffer of half
/// the slice, which for the readings (a quarter of a kilobyte each, and
/// hundreds of thousands of them) was a peak of its own.
pub(crate) fn sort_stable_in_place<T>(
    v: &mut [T],
    mut cmp: impl FnMut(&T, &T) -> std::cmp::Ordering,
) {
    let mut order: Vec<u32> = (0..v.len() as u32).collect();
    order.sort_by(|&a, &b| cmp(&v[a as usize], &v[b as usize]));
    // Position i takes the element first at order[i]; one that has since
    // been swapped away is followed to where it went (the method of
    // `slice::sort_by_cached_key`).
    for i in 0..v.len() {
        let mut at = order[i] as usize;
        while at < i {
            at = order[at] as usize;
        }
        order[i] = at as u32;
        v.swap(i, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_sets_stay_sorted_and_small() {
        let mut s: VecSet<u32> = VecSet::default();
        for x in [5, 1, 5, 3] {
            s.insert(x);
        }
        assert_eq!(s.iter().copied().collect::<Vec<_>>(), [1, 3, 5]);
        assert!(s.contains(&3) && !s.contains(&4));
        let mut one: VecSet<u32> = VecSet::default();
        one.insert(1);
        assert_eq!(one.0.capacity(), 1);
        let mut m: VecMap<u32, u64> = VecMap::default();
        *m.entry(2) += 1;
        *m.entry(1) += 1;
        *m.entry(2) += 1;
        assert_eq!(
            m.iter().map(|(k, v)| (*k, *v)).collect::<Vec<_>>(),
            [(1, 1), (2, 2)]
        );
    }

    proptest::proptest! {
        /// Moving elements by the sorted indices gives what a stable sort
        /// gives, ties kept in their first order.
        #[test]
        fn sorting_in_place_is_a_stable_sort(v in proptest::collection::vec((0u8..6, 0u32..1000), 0..300)) {
            let mut ours = v.clone();
            sort_stable_in_place(&mut ours, |a, b| a.0.cmp(&b.0));
            let mut std = v;
            std.sort_by_key(|x| x.0);
            proptest::prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn blocks_hold_their_elements_in_order_past_one_block() {
        let n = Chunked::<u32>::BLOCK * 2 + 5;
        let mut c = Chunked::new();
        for i in 0..n as u32 {
            c.push(i);
        }
        assert_eq!(c.len(), n);
        assert_eq!(
            c.get(Chunked::<u32>::BLOCK + 1),
            Some(&(Chunked::<u32>::BLOCK as u32 + 1))
        );
        assert_eq!(c.get(n), None);
        if let Some(x) = c.get_mut(3) {
            *x = 7;
        }
        c.iter_mut().for_each(|x| *x += 1);
        let all: Vec<u32> = c.into_items().collect();
        assert_eq!(all.len(), n);
        assert_eq!(all[3], 8);
        assert!(all[4..].windows(2).all(|w| w[1] == w[0] + 1));
    }
}
